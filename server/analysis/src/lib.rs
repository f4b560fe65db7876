//! ims-analysis
