//! ims-lsp
