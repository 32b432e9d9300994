//! JSON marshalling of domain objects.
