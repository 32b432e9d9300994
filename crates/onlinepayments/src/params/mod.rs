//! Query-parameter sets of the API calls (generated).
