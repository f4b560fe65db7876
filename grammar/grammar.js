// @ts-check
/**
 * Tree-sitter grammar for the IMS language: integrated management systems
 * (ISO/IEC 20000-1, ISO 9001, ISO/IEC 27001 and other Annex L standards).
 *
 * The grammar is deliberately lenient: every declaration accepts every
 * statement, and the analysis layer reports statements that do not belong to
 * a declaration kind. The language server re-parses on every keystroke, so a
 * broken or half-typed file must still give a tree that is useful for
 * completion and diagnostics. docs/language.md is the specification.
 */

/** Every keyword of the language. */
const KEYWORDS = [
  'ims', 'site', 'unit', 'service', 'supplier', 'system', 'process',
  'party', 'objective', 'document', 'standards', 'standard', 'at',
  'delivered-by', 'suppliers', 'external', 'internal', 'scope',
  'organisation', 'organization', 'location', 'units', 'sites', 'services',
  'systems', 'not-applicable', 'controls', 'applicable', 'excluded',
  'because', 'owner', 'performed-by', 'covers', 'via', 'evidence',
  'description', 'provides', 'requirements', 'target', 'measure',
  'address', 'approver', 'version', 'status', 'reason',
];

module.exports = grammar({
  name: 'ims',

  extras: $ => [/\s/, $.line_comment, $.block_comment],

  word: $ => $.identifier,

  // Keywords are contextual (docs/language.md 2.5): a word is a keyword
  // where the grammar expects that keyword and a name where it expects a
  // name (`process suppliers "Suppliers"`, `at hq, site`), as TOML keys or
  // Kotlin's soft keywords are. Where both are possible, tree-sitter's GLR
  // parser follows both, and the reading without an error wins: a
  // half-typed `at hq,` before `site dc1 "DC"` ends its list at the comma
  // and leaves the site declaration intact, while `at hq, site` names a
  // site. For that, a name may be left out (a declaration without its name,
  // `at` without a site, a comma without the name after it): the grammar
  // accepts it, and the lowering reports it as a syntax error ("expected a
  // name after ..."). A reading that uses a word as a name scores higher
  // (`prec.dynamic`), so that it wins where both readings are valid.

  supertypes: $ => [$._declaration, $._statement],

  // Where a keyword may be a name or start what follows a name left out
  // (see `word` above); GLR follows both readings.
  conflicts: $ => [
    [$.document_declaration],
    [$.objective_declaration],
    [$.party_declaration],
    [$.process_declaration],
    [$.system_declaration],
    [$.supplier_declaration],
    [$.service_declaration],
    [$.unit_declaration],
    [$.site_declaration],
    [$.covered_clause],
    [$.performed_by_statement],
    [$.owner_statement],
    [$.status_statement],
    [$.reason_statement],
    [$.systems_statement],
    [$.services_statement],
    [$.sites_statement],
    [$.units_statement],
    [$.suppliers_statement],
    [$.delivered_by_statement],
    [$.at_statement],
    [$.attribute_statement, $._name],
    [$.performed_by_statement, $._name],
    [$.owner_statement, $._name],
    [$.status_statement, $._name],
    [$.reason_statement, $._name],
    [$.evidence_statement, $._name],
    [$.controls_statement, $._name],
    [$.systems_statement, $._name],
    [$.services_statement, $._name],
    [$.sites_statement, $._name],
    [$.units_statement, $._name],
    [$.scope_statement, $._name],
    [$.supplier_kind_statement, $._name],
    [$.suppliers_statement, $._name],
    [$.delivered_by_statement, $._name],
    [$.at_statement, $._name],
  ],

  rules: {
    source_file: $ => repeat(choice($._declaration, ';')),

    _declaration: $ => choice(
      $.ims_declaration,
      $.site_declaration,
      $.unit_declaration,
      $.service_declaration,
      $.supplier_declaration,
      $.system_declaration,
      $.process_declaration,
      $.party_declaration,
      $.objective_declaration,
      $.document_declaration,
    ),

    // `ims "Acme" { standards iso9001@2015, iso27001@2022 }`: the header.
    ims_declaration: $ => seq(
      'ims',
      field('title', $.string),
      optional(field('body', $.block)),
    ),

    site_declaration: $ => declaration($, 'site'),
    unit_declaration: $ => declaration($, 'unit'),
    service_declaration: $ => declaration($, 'service'),
    supplier_declaration: $ => declaration($, 'supplier'),
    system_declaration: $ => declaration($, 'system'),
    process_declaration: $ => declaration($, 'process'),
    party_declaration: $ => declaration($, 'party'),
    objective_declaration: $ => declaration($, 'objective'),
    document_declaration: $ => declaration($, 'document'),

    block: $ => seq('{', repeat(choice($._statement, ';')), '}'),

    _statement: $ => choice(
      $.standards_statement,
      $.standard_statement,
      $.at_statement,
      $.delivered_by_statement,
      $.suppliers_statement,
      $.supplier_kind_statement,
      $.scope_statement,
      $.units_statement,
      $.sites_statement,
      $.services_statement,
      $.systems_statement,
      $.not_applicable_statement,
      $.controls_statement,
      $.applicable_statement,
      $.excluded_statement,
      $.owner_statement,
      $.performed_by_statement,
      $.covers_statement,
      $.evidence_statement,
      $.status_statement,
      $.reason_statement,
      $.attribute_statement,
    ),

    standards_statement: $ => seq('standards', commaSep1(field('edition', $.standard_id))),
    standard_statement: $ => seq('standard', field('edition', $.standard_id)),

    at_statement: $ => seq('at', nameList($)),
    delivered_by_statement: $ => seq('delivered-by', nameList($)),
    suppliers_statement: $ => seq('suppliers', nameList($)),
    supplier_kind_statement: $ => field('kind', choice('external', 'internal')),

    // `scope location { sites dc1; units operations }`
    scope_statement: $ => seq(
      'scope',
      optional(field('kind', choice('organisation', 'organization', 'location'))),
      field('body', $.block),
    ),
    units_statement: $ => seq('units', nameList($)),
    sites_statement: $ => seq('sites', nameList($)),
    services_statement: $ => seq('services', nameList($)),
    systems_statement: $ => seq('systems', nameList($)),

    not_applicable_statement: $ => seq('not-applicable', clauseList($), optional($.justification)),
    controls_statement: $ => seq('controls', field('body', $.block)),
    // `applicable 27001:A.5.19 because "..." { reason contractual; status implemented }`:
    // the block holds what the SoA says of the controls (docs/language.md 4.6).
    // A `{` after an inline `applicable` (where it is misplaced anyway) opens
    // the statement's block, not the declaration's.
    applicable_statement: $ => prec.right(seq(
      'applicable', clauseList($), optional($.justification), optional(field('body', $.block)),
    )),
    excluded_statement: $ => prec.right(seq(
      'excluded', clauseList($), optional($.justification), optional(field('body', $.block)),
    )),
    justification: $ => seq('because', field('reason', $.string)),

    owner_statement: $ => seq('owner', optionalName($, 'name')),
    performed_by_statement: $ => seq('performed-by', nameList($)),

    // `covers 20000-1:8.3.4, 9001:8.4, 20000-1:8.7.3 via ISMS`
    covers_statement: $ => seq('covers', commaSep1(field('item', $.covered_clause))),
    covered_clause: $ => seq(
      field('clauses', choice($.clause_ref, $.clause_range)),
      optional(seq('via', optionalName($, 'system'))),
    ),
    // Clauses in a `document`, documents and processes in a control's block.
    evidence_statement: $ => seq('evidence', commaSep1(choice(
      field('clauses', choice($.clause_ref, $.clause_range)),
      field('name', $._name),
    ))),

    // `status implemented`, `status planned "2027-03-31"` (a control),
    // `status approved` (the header's document control).
    status_statement: $ => seq(
      'status', optionalName($, 'name'), optional(field('value', $.string)),
    ),
    // `reason risk-treatment, contractual`: why a control is included.
    reason_statement: $ => seq('reason', nameList($)),

    attribute_statement: $ => seq(
      field('key', choice(
        'description', 'provides', 'requirements', 'target', 'measure', 'address', 'approver',
        'version',
      )),
      field('value', $.string),
    ),

    // `27001:A.5.19 .. 27001:A.5.23`
    clause_range: $ => seq(field('start', $.clause_ref), '..', field('end', $.clause_ref)),

    // `9001:8.4`, `20000-1:8.3.4`, `27001@2013:A.15.1.1`. The clause number
    // is optional so that a half-typed `9001:` is still a clause reference.
    clause_ref: $ => seq(
      field('standard', $.standard_id),
      token.immediate(':'),
      optional(field('clause', $.clause_number)),
    ),

    // `9001`, `20000-1`, `iso27001`, `iso27001@2022`.
    standard_id: _ => token(/(iso|ISO)?[0-9]+(-[0-9]+)*(@[0-9]+)?/),
    // The annex letter may be written in lower case (`a.5.19`): the
    // numbering is case-insensitive, and the analysis offers the upper case.
    // A lone lower-case letter is not a clause number, so that a word after
    // a half-typed reference still starts what follows.
    clause_number: _ => token.immediate(/[0-9]+(\.[0-9]+)*|[A-Z](\.[0-9]+)*|[a-z](\.[0-9]+)+/),

    identifier: _ => /[A-Za-z_][A-Za-z0-9_-]*/,

    // A name: an identifier, or a keyword where a name is expected (the
    // keyword then counts as an identifier in the tree).
    _name: $ => choice($.identifier, ...KEYWORDS.map(keyword => alias(keyword, $.identifier))),

    string: $ => seq(
      '"',
      repeat(choice($.string_content, $.escape_sequence)),
      token.immediate('"'),
    ),
    // A string ends at the line's end, whatever ends the line (`\n`, `\r\n`
    // or a lone `\r`): an unterminated string never reaches into the line
    // break.
    string_content: _ => token.immediate(prec(1, /[^"\\\r\n]+/)),
    escape_sequence: _ => token.immediate(/\\["\\nt]/),

    // Up to the line break, which is not part of the comment (`\r` neither).
    line_comment: _ => token(seq('//', /[^\r\n]*/)),
    block_comment: _ => token(seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/')),
  },
});

/**
 * The shape shared by all named declarations: `KIND name "Title" stmt* { stmt* }`.
 * Statements may stand inline after the title (`unit ops "Ops" at hq`) or in
 * the block. `;` separates inline statements as it does statements in a block
 * (`unit ops "Ops" at hq; description "..."`); a `;` after the last inline
 * statement is a top-level separator, so that the tree does not depend on
 * what follows (a `;` belongs to the declaration only before another
 * statement or its block).
 *
 * @param {GrammarSymbols<string>} $
 * @param {string} keyword
 */
function declaration($, keyword) {
  return seq(
    keyword,
    optionalName($, 'name'),
    optional(field('title', $.string)),
    optional(seq(
      field('inline', $._statement),
      repeat(seq(optional(';'), field('inline', $._statement))),
    )),
    optional(seq(optional(';'), field('body', $.block))),
  );
}

/**
 * @param {GrammarSymbols<string>} $
 */
function nameList($) {
  return optional(seq(
    field('name', $._name),
    repeat(seq(',', field('name', $._name))),
    optional(field('trailing', ',')),
  ));
}

/**
 * A name in field `field`, which may be missing (the lowering reports it);
 * a reading with the name wins over one without (see `word` above).
 *
 * @param {GrammarSymbols<string>} $
 * @param {string} name
 */
function optionalName($, name) {
  return choice(prec.dynamic(100, field(name, $._name)), prec.dynamic(-100, blank()));
}

/**
 * @param {GrammarSymbols<string>} $
 */
function clauseList($) {
  return commaSep1(field('clauses', choice($.clause_ref, $.clause_range)));
}

/**
 * @param {RuleOrLiteral} rule
 */
function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}
