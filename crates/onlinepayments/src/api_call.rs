//! The description of one API call: what a public method hands to the communicator's
//! `execute`, and everything the communicator needs to prepare, send and finish it.

use payments_core::http::{Method, encode_path_segment};
use payments_core::runtime::{Idempotency, Operation};

use crate::call_context::CallContext;
use crate::communication::{ParamRequest, RequestHeader};
use crate::errors::Error;
use crate::exception_factory::ErrorType;

/// Query parameters accepted by the generic communicator methods.
pub type RequestParameters<'a> = Option<&'a (dyn ParamRequest + Sync)>;

/// The idempotency an operation is declared with: `GET` is idempotent, every other
/// method is not. A call's own idempotency also depends on its context
/// ([`ApiCall::idempotency`]).
pub(crate) const fn declared_idempotency(method: Method) -> Idempotency {
    match method {
        Method::Get => Idempotency::Idempotent,
        _ => Idempotency::NonIdempotent,
    }
}

/// Declares the [`Operation`] of an API method or generic verb: named
/// `onlinepayments.<group>.<method>`, with its HTTP method, URL template and
/// [`declared_idempotency`], or idempotent for a read sent as `POST` (marked `read`).
macro_rules! op_operation {
    ($group:ident $name:ident $verb:ident $template:literal read) => {
        payments_core::operation!(
            "onlinepayments",
            concat!(stringify!($group), ".", stringify!($name)),
            $verb,
            $template,
            Idempotent
        )
    };
    ($group:ident $name:ident $verb:ident $template:literal) => {
        payments_core::operation!(
            "onlinepayments",
            concat!(stringify!($group), ".", stringify!($name)),
            $verb,
            $template,
            NonIdempotent
        )
        .with_idempotency(crate::api_call::declared_idempotency(
            payments_core::http::Method::$verb,
        ))
    };
}

pub(crate) use op_operation;

/// One API call. `B` is the type of the request body, `T` the type of the result.
pub(crate) struct ApiCall<'a, B: ?Sized, T> {
    /// The operation: its name in tracing (`onlinepayments.payments.create_payment`, or
    /// `onlinepayments.communicator.<verb>` for the generic verbs), HTTP method, URL
    /// template and declared idempotency.
    pub(crate) operation: Operation,
    /// The path template filled with `path_args` (`/v2/{merchantId}/payments/{paymentId}`);
    /// the relative path as given for the generic verbs.
    pub(crate) template: &'a str,
    /// The unencoded value of each placeholder of the template.
    pub(crate) path_args: &'a [(&'static str, String)],
    /// Headers sent before all others (the client's `X-GCS-ClientMetaInfo`).
    pub(crate) headers: &'a [RequestHeader],
    /// The query parameters.
    pub(crate) query: RequestParameters<'a>,
    /// The request body, sent as `json.dumps(body, indent=4)`.
    pub(crate) body: Option<&'a B>,
    /// The class error bodies are read as; `None` leaves a JSON error response as
    /// `ResponseException` (the generic verbs).
    pub(crate) error_type: Option<ErrorType>,
    /// Compresses a POST body even when the context does not ask for it.
    pub(crate) force_gzip: bool,
    /// The caller's context: idempotence key, gzip, and the idempotence values of the response.
    pub(crate) context: Option<&'a CallContext>,
    /// Reads the body of a 2xx response.
    pub(crate) parse: fn(String) -> Result<T, Error>,
}

impl<B: ?Sized, T> ApiCall<'_, B, T> {
    /// The HTTP method.
    pub(crate) fn method(&self) -> Method {
        self.operation.method()
    }

    /// The template with every placeholder replaced by its value, percent-encoded as one
    /// path segment (so the signed path is exactly the path sent).
    pub(crate) fn relative_path(&self) -> String {
        let mut path = String::with_capacity(self.template.len() + 32);
        let mut rest = self.template;
        // Values are encoded, braces included, so one pass over the template replaces
        // exactly what replacing each placeholder in turn would.
        while let Some(open) = rest.find('{') {
            let (before, from_brace) = rest.split_at(open);
            path.push_str(before);
            let value = from_brace.find('}').and_then(|close| {
                let name = from_brace.get(1..close)?;
                let (_, value) = self.path_args.iter().find(|(n, _)| *n == name)?;
                Some((value, close))
            });
            match value {
                Some((value, close)) => {
                    path.push_str(&encode_path_segment(value));
                    rest = from_brace.get(close + 1..).unwrap_or("");
                }
                None => {
                    path.push('{');
                    rest = from_brace.get(1..).unwrap_or("");
                }
            }
        }
        path.push_str(rest);
        path
    }

    /// Whether the body is gzipped: only a POST body, when the method forces it or the
    /// context asks for it.
    pub(crate) fn gzip(&self) -> bool {
        self.body.is_some()
            && self.method() == Method::Post
            && (self.force_gzip || self.context.is_some_and(CallContext::gzip))
    }

    /// A `GET` or a read sent as `POST` is idempotent (as declared); a call whose context
    /// has an idempotence key is keyed (re-sent with the same `X-GCS-Idempotence-Key`); any
    /// other write is not idempotent, so it is re-sent only when it certainly did not
    /// reach the platform.
    pub(crate) fn idempotency(&self) -> Idempotency {
        if self.operation.idempotency() == Idempotency::Idempotent {
            Idempotency::Idempotent
        } else if self
            .context
            .and_then(CallContext::idempotence_key)
            .is_some()
        {
            Idempotency::Keyed
        } else {
            Idempotency::NonIdempotent
        }
    }

    /// The operation the runtime sends this call as: the declared one with this call's
    /// [`idempotency`](Self::idempotency).
    pub(crate) fn runtime_operation(&self) -> Operation {
        self.operation.with_idempotency(self.idempotency())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call<'a>(
        method: Method,
        path_args: &'a [(&'static str, String)],
        body: Option<&'a ()>,
        context: Option<&'a CallContext>,
    ) -> ApiCall<'a, (), ()> {
        const GET: Operation =
            op_operation!(payments get_payment Get "/v2/{merchantId}/payments/{paymentId}");
        const POST: Operation =
            op_operation!(payments create_payment Post "/v2/{merchantId}/payments");
        const PUT: Operation = op_operation!(communicator put Put "{relative_path}");
        const DELETE: Operation =
            op_operation!(tokens delete_token Delete "/v2/{merchantId}/tokens/{tokenId}");
        ApiCall {
            operation: match method {
                Method::Get => GET,
                Method::Post => POST,
                Method::Put => PUT,
                _ => DELETE,
            },
            template: "/v2/{merchantId}/payments/{paymentId}",
            path_args,
            headers: &[],
            query: None,
            body,
            error_type: Some(ErrorType::ErrorResponse),
            force_gzip: false,
            context,
            parse: |_| Ok(()),
        }
    }

    #[test]
    fn path_values_are_encoded_segments() {
        let args = [
            ("paymentId", "id/1?x#y".to_owned()),
            ("merchantId", "M 1/ü".to_owned()),
        ];
        let call = call(Method::Get, &args, None, None);
        assert_eq!(call.operation.name(), "onlinepayments.payments.get_payment");
        assert_eq!(
            call.relative_path(),
            "/v2/M%201%2F%C3%BC/payments/id%2F1%3Fx%23y"
        );
        // an unknown placeholder and stray braces stay as they are
        let args = [("paymentId", "p".to_owned())];
        let mut unknown = super::tests::call(Method::Get, &args, None, None);
        unknown.template = "/a/{x}/{paymentId}}{/{paymentId";
        assert_eq!(unknown.relative_path(), "/a/{x}/p}{/{paymentId");
        // a value that looks like a placeholder stays a value
        let args = [("paymentId", "{merchantId}".to_owned())];
        assert_eq!(
            super::tests::call(Method::Get, &args, None, None).relative_path(),
            "/v2/{merchantId}/payments/%7BmerchantId%7D"
        );
    }

    #[test]
    fn declared_operations() {
        let get = call(Method::Get, &[], None, None).operation;
        assert_eq!(get.idempotency(), Idempotency::Idempotent);
        assert_eq!(get.url_template(), "/v2/{merchantId}/payments/{paymentId}");
        assert_eq!(get.provider(), "onlinepayments");
        let post = call(Method::Post, &[], None, None).operation;
        assert_eq!(post.name(), "onlinepayments.payments.create_payment");
        assert_eq!(post.idempotency(), Idempotency::NonIdempotent);
        let keyed = CallContext::new().with_idempotence_key("k");
        let call = call(Method::Post, &[], Some(&()), Some(&keyed));
        assert_eq!(call.runtime_operation().idempotency(), Idempotency::Keyed);
        assert_eq!(call.runtime_operation().name(), post.name());
        const LOOKUP: Operation = op_operation!(services get_iin_details Post "/v2/{merchantId}/services/getIINdetails" read);
        assert_eq!(LOOKUP.idempotency(), Idempotency::Idempotent);
    }

    #[test]
    fn idempotency_of_reads_keyed_and_other_writes() {
        let keyed = CallContext::new().with_idempotence_key("k");
        let plain = CallContext::new();
        assert_eq!(
            call(Method::Get, &[], None, Some(&keyed)).idempotency(),
            Idempotency::Idempotent
        );
        assert_eq!(
            call(Method::Post, &[], Some(&()), Some(&keyed)).idempotency(),
            Idempotency::Keyed
        );
        assert_eq!(
            call(Method::Delete, &[], None, Some(&keyed)).idempotency(),
            Idempotency::Keyed
        );
        for context in [None, Some(&plain)] {
            for method in [Method::Post, Method::Put, Method::Delete] {
                assert_eq!(
                    call(method, &[], None, context).idempotency(),
                    Idempotency::NonIdempotent
                );
            }
        }
    }

    #[test]
    fn only_post_bodies_are_compressed() {
        let gzip = CallContext::new().with_gzip(true);
        assert!(call(Method::Post, &[], Some(&()), Some(&gzip)).gzip());
        assert!(!call(Method::Post, &[], None, Some(&gzip)).gzip());
        assert!(!call(Method::Put, &[], Some(&()), Some(&gzip)).gzip());
        assert!(!call(Method::Post, &[], Some(&()), None).gzip());
        let mut forced = call(Method::Post, &[], Some(&()), None);
        forced.force_gzip = true;
        assert!(forced.gzip());
    }
}
