//! The `X-GCS-ServerMetaInfo` header and extra headers sent with every request.

use payments_core::pyfmt::{JsonStyle, json_dumps};
use payments_core::signing::base64_encode;
use serde_json::{Map, Value};

use super::canonical::{canonicalize_header_value, python_strip};
use super::request_header::RequestHeader;
use crate::domain::ShoppingCartExtension;
use crate::errors::Error;

/// Name of the server meta info header.
pub const SERVER_META_INFO_HEADER: &str = "X-GCS-ServerMetaInfo";

/// Header names the metadata provider may not add (compared case-insensitively).
pub const PROHIBITED_HEADERS: [&str; 5] = [
    "Authorization",
    "Content-Type",
    "Date",
    "X-GCS-Idempotence-Key",
    SERVER_META_INFO_HEADER,
];

/// `sdkIdentifier` of this SDK: `RustServerSDK/v<crate version>`.
pub const SDK_IDENTIFIER: &str = concat!("RustServerSDK/v", env!("CARGO_PKG_VERSION"));

/// `sdkCreator` of this SDK.
pub const SDK_CREATOR: &str = "payments-sdk-rs";

/// `platformIdentifier` of this SDK: operating system and architecture, then `Rust`.
pub fn default_platform_identifier() -> String {
    format!(
        "{} ({}) Rust onlinepayments/{}",
        std::env::consts::OS,
        std::env::consts::ARCH,
        env!("CARGO_PKG_VERSION")
    )
}

/// `MetadataProvider`: builds the headers that describe the SDK and the integration.
///
/// `X-GCS-ServerMetaInfo` is `base64(json.dumps(info, indent=4))` of
/// `platformIdentifier`, `sdkIdentifier`, `sdkCreator`, `integrator` and, when set,
/// `shoppingCartExtension`. Extra headers follow it, canonicalised like v1HMAC does.
///
/// ```
/// use onlinepayments::communication::MetadataProvider;
///
/// let provider = MetadataProvider::builder("ACME Integrator")
///     .additional_request_header("X-GCS-Extra", "value")
///     .build()?;
/// assert_eq!(provider.metadata_headers()[0].name(), "X-GCS-ServerMetaInfo");
/// assert_eq!(provider.metadata_headers()[1].value(), "value");
/// # Ok::<(), onlinepayments::Error>(())
/// ```
#[doc(alias = "IMetadataProvider")]
#[derive(Debug, Clone)]
pub struct MetadataProvider {
    metadata_headers: Vec<RequestHeader>,
}

impl MetadataProvider {
    /// A provider for an integrator (required, not blank) and an optional shopping-cart
    /// extension.
    pub fn new(
        integrator: &str,
        shopping_cart_extension: Option<&ShoppingCartExtension>,
    ) -> Result<Self, Error> {
        let mut builder = Self::builder(integrator);
        builder.shopping_cart_extension = shopping_cart_extension.cloned();
        builder.build()
    }

    /// A builder, for extra headers or other identifiers.
    pub fn builder(integrator: impl Into<String>) -> MetadataProviderBuilder {
        MetadataProviderBuilder {
            integrator: integrator.into(),
            shopping_cart_extension: None,
            additional_request_headers: Vec::new(),
            platform_identifier: None,
            sdk_identifier: SDK_IDENTIFIER.to_owned(),
            sdk_creator: SDK_CREATOR.to_owned(),
        }
    }

    /// The headers to send: `X-GCS-ServerMetaInfo`, then the extra headers.
    pub fn metadata_headers(&self) -> &[RequestHeader] {
        &self.metadata_headers
    }

    /// The names extra headers may not have.
    pub fn prohibited_headers() -> &'static [&'static str] {
        &PROHIBITED_HEADERS
    }
}

/// Builder of a [`MetadataProvider`].
#[derive(Debug, Clone)]
pub struct MetadataProviderBuilder {
    integrator: String,
    shopping_cart_extension: Option<ShoppingCartExtension>,
    additional_request_headers: Vec<RequestHeader>,
    platform_identifier: Option<String>,
    sdk_identifier: String,
    sdk_creator: String,
}

impl MetadataProviderBuilder {
    /// Sets the shopping-cart extension.
    pub fn shopping_cart_extension(mut self, extension: ShoppingCartExtension) -> Self {
        self.shopping_cart_extension = Some(extension);
        self
    }

    /// Adds an extra header sent with every request.
    pub fn additional_request_header(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        self.additional_request_headers
            .push(RequestHeader::new(name, value));
        self
    }

    /// Adds extra headers sent with every request.
    pub fn additional_request_headers(
        mut self,
        headers: impl IntoIterator<Item = RequestHeader>,
    ) -> Self {
        self.additional_request_headers.extend(headers);
        self
    }

    /// Replaces `platformIdentifier` (default: [`default_platform_identifier`]).
    pub fn platform_identifier(mut self, value: impl Into<String>) -> Self {
        self.platform_identifier = Some(value.into());
        self
    }

    /// Replaces `sdkIdentifier` (default: [`SDK_IDENTIFIER`]).
    pub fn sdk_identifier(mut self, value: impl Into<String>) -> Self {
        self.sdk_identifier = value.into();
        self
    }

    /// Replaces `sdkCreator` (default: [`SDK_CREATOR`]).
    pub fn sdk_creator(mut self, value: impl Into<String>) -> Self {
        self.sdk_creator = value.into();
        self
    }

    /// Validates and builds: the integrator must not be blank (`integrator is required`)
    /// and no extra header may use a [prohibited name](PROHIBITED_HEADERS)
    /// (`request header not allowed: <name>:<value>`).
    pub fn build(self) -> Result<MetadataProvider, Error> {
        if python_strip(&self.integrator).is_empty() {
            return Err(Error::configuration("integrator is required"));
        }
        let mut extra = Vec::with_capacity(self.additional_request_headers.len());
        for header in &self.additional_request_headers {
            let name = canonicalize_header_value(header.name());
            if PROHIBITED_HEADERS
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&name))
            {
                return Err(Error::configuration(format!(
                    "request header not allowed: {header}"
                )));
            }
            if name.is_empty() || !name.bytes().all(is_token_byte) {
                return Err(Error::configuration(format!(
                    "invalid request header name: {name:?}"
                )));
            }
            extra.push(RequestHeader::new(
                name,
                canonicalize_header_value(header.value()),
            ));
        }
        let mut info = Map::new();
        let platform = self
            .platform_identifier
            .unwrap_or_else(default_platform_identifier);
        info.insert("platformIdentifier".into(), Value::String(platform));
        info.insert("sdkIdentifier".into(), Value::String(self.sdk_identifier));
        info.insert("sdkCreator".into(), Value::String(self.sdk_creator));
        info.insert("integrator".into(), Value::String(self.integrator));
        if let Some(extension) = &self.shopping_cart_extension {
            let value = serde_json::to_value(extension).map_err(|e| Error::Configuration {
                message: "invalid shopping cart extension".into(),
                source: Some(Box::new(e)),
            })?;
            info.insert("shoppingCartExtension".into(), value);
        }
        let json = json_dumps(
            &Value::Object(info),
            JsonStyle::Indent {
                width: 4,
                ensure_ascii: true,
            },
        );
        let mut metadata_headers = vec![RequestHeader::new(
            SERVER_META_INFO_HEADER,
            base64_encode(json.as_bytes()),
        )];
        metadata_headers.extend(extra);
        Ok(MetadataProvider { metadata_headers })
    }
}

/// RFC 9110 token characters, the only ones a header name may hold.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
