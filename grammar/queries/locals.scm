; Names are global: every declaration in every file of an IMS shares one
; namespace. Within a single file the file is the only scope.
(source_file) @local.scope

; Each named declaration defines its name.
(site_declaration
  name: (identifier) @local.definition)

(unit_declaration
  name: (identifier) @local.definition)

(service_declaration
  name: (identifier) @local.definition)

(supplier_declaration
  name: (identifier) @local.definition)

(system_declaration
  name: (identifier) @local.definition)

(process_declaration
  name: (identifier) @local.definition)

(party_declaration
  name: (identifier) @local.definition)

(objective_declaration
  name: (identifier) @local.definition)

(document_declaration
  name: (identifier) @local.definition)

; Every name in a statement's list, an `owner` and the system after `via`
; refer to a declaration.
(at_statement
  name: (identifier) @local.reference)

(delivered_by_statement
  name: (identifier) @local.reference)

(suppliers_statement
  name: (identifier) @local.reference)

(units_statement
  name: (identifier) @local.reference)

(sites_statement
  name: (identifier) @local.reference)

(services_statement
  name: (identifier) @local.reference)

(systems_statement
  name: (identifier) @local.reference)

(owner_statement
  name: (identifier) @local.reference)

(performed_by_statement
  name: (identifier) @local.reference)

(covered_clause
  system: (identifier) @local.reference)

(evidence_statement
  name: (identifier) @local.reference)
