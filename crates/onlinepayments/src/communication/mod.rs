//! HTTP communication: request parameters and headers, URL building, header
//! canonicalisation and the metadata headers.

mod canonical;
mod metadata_provider;
mod request_header;
mod request_param;
mod uri;

pub use canonical::{canonicalize_header_value, is_python_space, python_strip};
pub use metadata_provider::{
    MetadataProvider, MetadataProviderBuilder, PROHIBITED_HEADERS, SDK_CREATOR, SDK_IDENTIFIER,
    SERVER_META_INFO_HEADER, default_platform_identifier,
};
pub use request_header::{RequestHeader, get_header_value};
pub use request_param::{ParamRequest, RequestParam};
pub use uri::{ApiEndpoint, encode_path_value, query_string, quote};
