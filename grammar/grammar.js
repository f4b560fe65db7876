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

module.exports = grammar({
  name: 'ims',

  extras: $ => [/\s/, $.line_comment, $.block_comment],

  word: $ => $.identifier,

  // Keywords are reserved: a keyword cannot be a name, neither where a name
  // is declared (`unit site "Ops"`) nor where one is referred to. Reserving
  // them in name lists also lets a half-typed list (`at hq,` or `at` before
  // the next declaration) end where it is broken instead of taking the next
  // declaration's keyword for a name and swallowing that declaration.
  reserved: {
    keywords: _ => [
      'ims', 'site', 'unit', 'service', 'supplier', 'system', 'process',
      'party', 'objective', 'document', 'standards', 'standard', 'at',
      'delivered-by', 'suppliers', 'external', 'internal', 'scope',
      'organisation', 'organization', 'location', 'units', 'sites', 'services',
      'systems', 'not-applicable', 'controls', 'applicable', 'excluded',
      'because', 'owner', 'performed-by', 'covers', 'via', 'evidence',
      'description', 'provides', 'requirements', 'target', 'measure',
      'address',
    ],
  },

  supertypes: $ => [$._declaration, $._statement],

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
    applicable_statement: $ => seq('applicable', clauseList($), optional($.justification)),
    excluded_statement: $ => seq('excluded', clauseList($), optional($.justification)),
    justification: $ => seq('because', field('reason', $.string)),

    owner_statement: $ => seq('owner', field('name', $.identifier)),
    performed_by_statement: $ => seq('performed-by', nameList($)),

    // `covers 20000-1:8.3.4, 9001:8.4, 20000-1:8.7.3 via ISMS`
    covers_statement: $ => seq('covers', commaSep1(field('item', $.covered_clause))),
    covered_clause: $ => seq(
      field('clauses', choice($.clause_ref, $.clause_range)),
      optional(seq('via', field('system', $.identifier))),
    ),
    evidence_statement: $ => seq('evidence', clauseList($)),

    attribute_statement: $ => seq(
      field('key', choice('description', 'provides', 'requirements', 'target', 'measure', 'address')),
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

    string: $ => seq(
      '"',
      repeat(choice($.string_content, $.escape_sequence)),
      token.immediate('"'),
    ),
    string_content: _ => token.immediate(prec(1, /[^"\\\n]+/)),
    escape_sequence: _ => token.immediate(/\\["\\nt]/),

    line_comment: _ => token(seq('//', /[^\n]*/)),
    block_comment: _ => token(seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/')),
  },
});

/**
 * The shape shared by all named declarations: `KIND name "Title" stmt* { stmt* }`.
 * Statements may stand inline after the title (`unit ops "Ops" at hq`) or in
 * the block. `;` separates inline statements as it does statements in a block
 * (`unit ops "Ops" at hq; description "..."`); `prec.right` makes a `;` after
 * the last inline statement part of the declaration rather than a top-level
 * separator, which is the same thing to every consumer of the tree.
 *
 * @param {GrammarSymbols<string>} $
 * @param {string} keyword
 */
function declaration($, keyword) {
  return prec.right(seq(
    keyword,
    field('name', $.identifier),
    optional(field('title', $.string)),
    repeat(choice(field('inline', $._statement), ';')),
    optional(field('body', $.block)),
  ));
}

/**
 * @param {GrammarSymbols<string>} $
 */
function nameList($) {
  return commaSep1(field('name', $.identifier));
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
