//! `MerchantClient` and its 22 sub-clients, one module per package of the official SDK
//! (`merchant/<package>`). Each module also re-exports the query-parameter classes its
//! calls take.

pub mod captures;
pub mod cofseries;
pub mod complete;
pub mod hostedcheckout;
pub mod hostedfields;
pub mod hostedtokenization;
pub mod mandates;
pub mod merchantbatch;
pub mod paymentlinks;
pub mod payments;
pub mod payouts;
pub mod preauthorization;
pub mod privacypolicy;
pub mod productgroups;
pub mod products;
pub mod refunds;
pub mod services;
pub mod sessions;
pub mod subsequent;
pub mod tokenization;
pub mod tokens;
pub mod webhooks;

/// Defines a sub-client from its table of API methods: the [`Operation`] of each method
/// in `<module>::operations` (named `onlinepayments.<accessor>.<method>`, with the
/// method's URL template), the async client here and its blocking twin in
/// `<module>::blocking`, each method expanded once per flavour by `api_method!`.
///
/// A row: `fn name(path args => placeholder) [query] [body] -> Response = Verb "template",
/// ErrorType, force_gzip;`, with `()` as the response of a call without one. A read sent
/// as `POST` (a lookup, a quote, a search) ends with `, read`: its operation is
/// idempotent, so it is retried like a `GET`.
///
/// [`Operation`]: payments_core::runtime::Operation
macro_rules! api_client {
    (
        $(#[$cdoc:meta])*
        $accessor:ident() -> $Client:ident {
            $(
                $(#[$mdoc:meta])*
                fn $name:ident $args:tt $query:tt $body:tt -> $resp:tt = $verb:ident $path:literal, $err:ident, $gzip:literal $(, $read:ident)?;
            )*
        }
    ) => {
        /// The operation of each call of this module, as the runtime sends and traces it.
        pub(crate) mod operations {
            #![allow(non_upper_case_globals)]

            $(
                pub(crate) const $name: payments_core::runtime::Operation =
                    crate::api_call::op_operation!($accessor $name $verb $path $($read)?);
            )*

            /// Every operation of the module, in table order.
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) const ALL: &[payments_core::runtime::Operation] = &[$($name),*];
        }

        crate::merchant::sub_client!(
            [async] [.await] self crate::communicator::Communicator;
            $(#[$cdoc])* $accessor() -> $Client {
                $( $(#[$mdoc])* fn $name $args $query $body -> $resp = $verb $path, $err, $gzip; )*
            }
        );

        /// The blocking twin of this module's client (feature `blocking`).
        #[cfg(feature = "blocking")]
        #[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
        pub mod blocking {
            crate::merchant::sub_client!(
                [] [] super crate::blocking::communicator::Communicator;
                $(#[$cdoc])*
                ///
                /// Blocking: every method waits for the response.
                $accessor() -> $Client {
                    $( $(#[$mdoc])* fn $name $args $query $body -> $resp = $verb $path, $err, $gzip; )*
                }
            );
        }
    };
}

/// One flavour of a sub-client: `$async` and `$await` are `[async] [.await]` or `[] []`;
/// `$ops` (`self` or `super`) is where the `operations` module is.
macro_rules! sub_client {
    (
        $async:tt $await:tt $ops:tt $Communicator:ty;
        $(#[$cdoc:meta])*
        $accessor:ident() -> $Client:ident {
            $(
                $(#[$mdoc:meta])*
                fn $name:ident $args:tt $query:tt $body:tt -> $resp:tt = $verb:ident $path:literal, $err:ident, $gzip:literal;
            )*
        }
    ) => {
        $(#[$cdoc])*
        #[derive(Debug, Clone)]
        pub struct $Client {
            resource: crate::api_resource::ApiResource<$Communicator>,
        }

        impl $Client {
            pub(crate) fn new(resource: crate::api_resource::ApiResource<$Communicator>) -> Self {
                Self { resource }
            }

            $(
                crate::merchant::api_method!(
                    $async $await $ops;
                    $(#[$mdoc])*
                    fn $name $args $query $body -> $resp = $verb $path, $err, $gzip
                );
            )*
        }
    };
}

/// One API method: builds its [`ApiCall`](crate::api_call::ApiCall) and runs it with the
/// communicator's `execute`.
macro_rules! api_method {
    (
        [$($async:tt)*] [$($await:tt)*] $ops:tt;
        $(#[$mdoc:meta])*
        fn $name:ident ( $( $arg:ident : $argty:ty => $ph:literal ),* )
            [ $( query $q:ident : $qty:path )? ]
            [ $( body $b:ident : $bty:path )? ]
            -> $resp:tt = $verb:ident $path:literal, $err:ident, $gzip:literal
    ) => {
        $(#[$mdoc])*
        pub $($async)* fn $name(
            &self,
            $( $arg: $argty, )*
            $( $q: &$qty, )?
            $( $b: &$bty, )?
            context: Option<&crate::CallContext>,
        ) -> Result<crate::merchant::ret_type!($resp), crate::Error> {
            let path_args = [
                $( ($ph, $arg.to_string()), )*
                ("merchantId", self.resource.merchant_id().to_owned()),
            ];
            let headers = self.resource.headers();
            self.resource.communicator.execute(crate::api_call::ApiCall {
                operation: $ops::operations::$name,
                template: $path,
                path_args: &path_args,
                headers: &headers,
                query: crate::merchant::query_arg!($( $q )?),
                body: crate::merchant::body_arg!($( $b )?),
                error_type: Some(crate::exception_factory::ErrorType::$err),
                force_gzip: $gzip,
                context,
                parse: crate::merchant::parser!($resp),
            }) $($await)*
        }
    };
}

macro_rules! ret_type {
    (()) => {
        ()
    };
    ($t:ident) => {
        crate::domain::$t
    };
}

macro_rules! query_arg {
    () => {
        None
    };
    ($q:ident) => {
        Some($q as &(dyn crate::communication::ParamRequest + Sync))
    };
}

macro_rules! body_arg {
    () => {
        None::<&()>
    };
    ($b:ident) => {
        Some($b)
    };
}

macro_rules! parser {
    (()) => {
        crate::communicator::ignore_body
    };
    ($t:ident) => {
        crate::communicator::unmarshal::<crate::domain::$t>
    };
}

/// Defines one flavour of `MerchantClient` (`$blocking` is `[]` or `[blocking]`): the
/// merchant id and the 22 accessors, one per sub-client, from one table.
macro_rules! merchant_client {
    ($(#[$doc:meta])* $Communicator:ty, $blocking:tt) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct MerchantClient {
            resource: crate::api_resource::ApiResource<$Communicator>,
        }

        impl MerchantClient {
            pub(crate) fn new(resource: crate::api_resource::ApiResource<$Communicator>) -> Self {
                Self { resource }
            }

            /// The merchant id.
            pub fn merchant_id(&self) -> &str {
                self.resource.merchant_id()
            }

            crate::merchant::accessor!($blocking hosted_checkout: hostedcheckout::HostedCheckoutClient);
            crate::merchant::accessor!($blocking hosted_tokenization: hostedtokenization::HostedTokenizationClient);
            crate::merchant::accessor!($blocking hosted_fields: hostedfields::HostedFieldsClient);
            crate::merchant::accessor!($blocking payments: payments::PaymentsClient);
            crate::merchant::accessor!($blocking payment_links: paymentlinks::PaymentLinksClient);
            crate::merchant::accessor!($blocking captures: captures::CapturesClient);
            crate::merchant::accessor!($blocking refunds: refunds::RefundsClient);
            crate::merchant::accessor!($blocking complete: complete::CompleteClient);
            crate::merchant::accessor!($blocking subsequent: subsequent::SubsequentClient);
            crate::merchant::accessor!($blocking pre_authorization: preauthorization::PreAuthorizationClient);
            crate::merchant::accessor!($blocking product_groups: productgroups::ProductGroupsClient);
            crate::merchant::accessor!($blocking products: products::ProductsClient);
            crate::merchant::accessor!($blocking services: services::ServicesClient);
            crate::merchant::accessor!($blocking webhooks: webhooks::WebhooksClient);
            crate::merchant::accessor!($blocking sessions: sessions::SessionsClient);
            crate::merchant::accessor!($blocking tokens: tokens::TokensClient);
            crate::merchant::accessor!($blocking cof_series: cofseries::CofSeriesClient);
            crate::merchant::accessor!($blocking tokenization: tokenization::TokenizationClient);
            crate::merchant::accessor!($blocking payouts: payouts::PayoutsClient);
            crate::merchant::accessor!($blocking mandates: mandates::MandatesClient);
            crate::merchant::accessor!($blocking privacy_policy: privacypolicy::PrivacyPolicyClient);
            crate::merchant::accessor!($blocking merchant_batch: merchantbatch::MerchantBatchClient);
        }
    };
}

/// One accessor of `MerchantClient`: the sub-client of a module, sharing this merchant's
/// communicator, client meta info and merchant id.
macro_rules! accessor {
    ([$($blocking:ident)?] $accessor:ident: $module:ident::$Client:ident) => {
        #[doc = concat!(
            "`", stringify!($accessor), "()`: the [`", stringify!($Client),
            "`](crate::merchant::", stringify!($module), "::", $(stringify!($blocking), "::",)?
            stringify!($Client), ") of this merchant."
        )]
        pub fn $accessor(&self) -> crate::merchant::$module::$($blocking::)?$Client {
            crate::merchant::$module::$($blocking::)?$Client::new(self.resource.clone())
        }
    };
}

pub(crate) use {
    accessor, api_client, api_method, body_arg, merchant_client, parser, query_arg, ret_type,
    sub_client,
};

crate::merchant::merchant_client!(
    /// `MerchantClient`: the API calls of one merchant, grouped in 22 sub-clients.
    ///
    /// ```no_run
    /// # async fn run(client: onlinepayments::Client) -> Result<(), onlinepayments::Error> {
    /// let merchant_client = client.merchant("merchantId");
    /// let details = merchant_client.payments().get_payment_details("paymentId", None).await?;
    /// # let _ = details;
    /// # Ok(())
    /// # }
    /// ```
    #[doc(alias = "IMerchantClient")]
    crate::communicator::Communicator,
    []
);

/// The blocking `MerchantClient` (feature `blocking`).
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking {
    crate::merchant::merchant_client!(
        /// The blocking `MerchantClient`; see [`super::MerchantClient`].
        #[doc(alias = "IMerchantClient")]
        crate::blocking::communicator::Communicator,
        [blocking]
    );
}

/// Every operation of the 22 sub-clients, in accessor order.
#[cfg(test)]
pub(crate) fn all_operations() -> Vec<payments_core::runtime::Operation> {
    [
        hostedcheckout::operations::ALL,
        hostedtokenization::operations::ALL,
        hostedfields::operations::ALL,
        payments::operations::ALL,
        paymentlinks::operations::ALL,
        captures::operations::ALL,
        refunds::operations::ALL,
        complete::operations::ALL,
        subsequent::operations::ALL,
        preauthorization::operations::ALL,
        productgroups::operations::ALL,
        products::operations::ALL,
        services::operations::ALL,
        webhooks::operations::ALL,
        sessions::operations::ALL,
        tokens::operations::ALL,
        cofseries::operations::ALL,
        tokenization::operations::ALL,
        payouts::operations::ALL,
        mandates::operations::ALL,
        privacypolicy::operations::ALL,
        merchantbatch::operations::ALL,
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use payments_core::http::Method;
    use payments_core::runtime::Idempotency;

    /// The lookups, quotes and searches the API takes as `POST`.
    const READS_SENT_AS_POST: [&str; 5] = [
        "onlinepayments.payment_links.get_payment_links_by_merchant_group_id",
        "onlinepayments.services.get_iin_details",
        "onlinepayments.services.get_dcc_rate_inquiry",
        "onlinepayments.services.surcharge_calculation",
        "onlinepayments.webhooks.validate_webhook_credentials",
    ];

    #[test]
    fn one_operation_per_api_method() {
        let ops = super::all_operations();
        assert_eq!(ops.len(), 56);
        let names: HashSet<&str> = ops.iter().map(|op| op.name()).collect();
        assert_eq!(names.len(), 56, "names are unique");
        for op in &ops {
            assert_eq!(op.provider(), "onlinepayments");
            let parts: Vec<&str> = op.name().split('.').collect();
            assert_eq!(parts.len(), 3, "{}", op.name());
            assert!(op.url_template().starts_with("/v2/"), "{op:?}");
            let read = READS_SENT_AS_POST.contains(&op.name());
            let expected = if op.method() == Method::Get || read {
                Idempotency::Idempotent
            } else {
                Idempotency::NonIdempotent
            };
            assert_eq!(op.idempotency(), expected, "{}", op.name());
        }
        let create = super::payments::operations::create_payment;
        assert_eq!(create.name(), "onlinepayments.payments.create_payment");
        assert_eq!(create.url_template(), "/v2/{merchantId}/payments");
        assert_eq!(create.method(), Method::Post);
        let get = super::payments::operations::get_payment;
        assert_eq!(get.url_template(), "/v2/{merchantId}/payments/{paymentId}");
        for name in READS_SENT_AS_POST {
            let op = ops.iter().find(|op| op.name() == name).unwrap();
            assert_eq!(op.method(), Method::Post, "{name}");
        }
    }
}
