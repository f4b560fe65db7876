; Zed's outline panel and breadcrumbs: every declaration, by its keyword and name.
(ims_declaration
  "ims" @context
  title: (string) @name) @item

(site_declaration "site" @context name: (identifier) @name) @item
(unit_declaration "unit" @context name: (identifier) @name) @item
(service_declaration "service" @context name: (identifier) @name) @item
(supplier_declaration "supplier" @context name: (identifier) @name) @item
(system_declaration "system" @context name: (identifier) @name) @item
(process_declaration "process" @context name: (identifier) @name) @item
(party_declaration "party" @context name: (identifier) @name) @item
(objective_declaration "objective" @context name: (identifier) @name) @item
(document_declaration "document" @context name: (identifier) @name) @item
