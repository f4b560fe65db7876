; Syntax highlighting for the IMS language, in the nvim-treesitter capture
; vocabulary (Helix falls back from `keyword.type` to `keyword` and so on).
; Every node is captured by at most one pattern, so the result is the same
; whether an editor lets the first or the last matching pattern win.

; Declaration keywords: each introduces one named element of the IMS.
[
  "ims"
  "site"
  "unit"
  "service"
  "supplier"
  "system"
  "process"
  "party"
  "objective"
  "document"
] @keyword.type

; Statement keywords.
[
  "standards"
  "standard"
  "at"
  "delivered-by"
  "suppliers"
  "scope"
  "units"
  "sites"
  "services"
  "systems"
  "not-applicable"
  "controls"
  "applicable"
  "excluded"
  "owner"
  "performed-by"
  "covers"
  "evidence"
  "status"
  "reason"
  "because"
  "via"
] @keyword

; `scope location { ... }`, `supplier aws "AWS" external`.
(scope_statement
  kind: _ @keyword.modifier)

(supplier_kind_statement
  kind: _ @keyword.modifier)

; `description "..."`, `address "..."`: the key of a key/value pair.
(attribute_statement
  key: _ @property)

; Names where they are declared.
(site_declaration
  name: (identifier) @type.definition)

(unit_declaration
  name: (identifier) @type.definition)

(service_declaration
  name: (identifier) @type.definition)

(supplier_declaration
  name: (identifier) @type.definition)

(system_declaration
  name: (identifier) @type.definition)

(process_declaration
  name: (identifier) @type.definition)

(party_declaration
  name: (identifier) @type.definition)

(objective_declaration
  name: (identifier) @type.definition)

(document_declaration
  name: (identifier) @type.definition)

; Names where they are used.
(at_statement
  name: (identifier) @type)

(delivered_by_statement
  name: (identifier) @type)

(suppliers_statement
  name: (identifier) @type)

(units_statement
  name: (identifier) @type)

(sites_statement
  name: (identifier) @type)

(services_statement
  name: (identifier) @type)

(systems_statement
  name: (identifier) @type)

(owner_statement
  name: (identifier) @type)

(performed_by_statement
  name: (identifier) @type)

(covered_clause
  system: (identifier) @type)

(evidence_statement
  name: (identifier) @type)

; `status implemented`, `reason contractual`: values from a fixed list.
(status_statement
  name: (identifier) @constant)

(reason_statement
  name: (identifier) @constant)

; `iso27001@2022`, `9001`, `20000-1`: a standard or one of its editions.
(standard_id) @module

; `8.4`, `A.5.19`.
(clause_number) @number

".." @operator

[
  ","
  ";"
  ":"
] @punctuation.delimiter

[
  "{"
  "}"
] @punctuation.bracket

(string) @string

(escape_sequence) @string.escape

[
  (line_comment)
  (block_comment)
] @comment
