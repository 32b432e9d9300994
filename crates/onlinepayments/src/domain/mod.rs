//! The data model of the Online Payments API (generated).
