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

/// Defines a sub-client (async, and blocking under `<module>::blocking`) from a table of
/// API methods.
macro_rules! api_client {
    (
        $(#[$cdoc:meta])*
        $Client:ident {
            $(
                $(#[$mdoc:meta])*
                fn $name:ident ( $( $arg:ident : $argty:ty => $ph:literal ),* )
                    [ $( query $q:ident : $qty:path )? ]
                    [ $( body $b:ident : $bty:path )? ]
                    -> $resp:tt = $verb:ident $path:literal, $err:ident, $gzip:literal;
            )*
        }
    ) => {
        $(#[$cdoc])*
        #[derive(Debug, Clone)]
        pub struct $Client {
            resource: crate::api_resource::ApiResource<crate::Communicator>,
        }

        impl $Client {
            pub(crate) fn new(resource: crate::api_resource::ApiResource<crate::Communicator>) -> Self {
                Self { resource }
            }

            $(
                $(#[$mdoc])*
                pub async fn $name(
                    &self,
                    $( $arg: $argty, )*
                    $( $q: &$qty, )?
                    $( $b: &$bty, )?
                    context: Option<&crate::CallContext>,
                ) -> Result<crate::merchant::ret_type!($resp), crate::Error> {
                    let path_args = [ $( ($ph, $arg.to_string()) ),* ];
                    let call = crate::api_resource::ApiCall {
                        method: payments_core::http::Method::$verb,
                        template: $path,
                        path_args: &path_args,
                        query: crate::merchant::query_arg!($( $q )?),
                        error_type: crate::exception_factory::ErrorType::$err,
                        force_gzip: $gzip,
                    };
                    let text = self.resource.call(call, crate::merchant::body_arg!($( $b )?), context).await?;
                    crate::merchant::response!($resp, text)
                }
            )*
        }

        /// The blocking twin of this module's client (feature `blocking`).
        #[cfg(feature = "blocking")]
        #[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
        pub mod blocking {
            $(#[$cdoc])*
            ///
            /// Blocking: every method waits for the response.
            #[derive(Debug, Clone)]
            pub struct $Client {
                resource: crate::api_resource::ApiResource<crate::blocking::Communicator>,
            }

            impl $Client {
                pub(crate) fn new(resource: crate::api_resource::ApiResource<crate::blocking::Communicator>) -> Self {
                    Self { resource }
                }

                $(
                    $(#[$mdoc])*
                    pub fn $name(
                        &self,
                        $( $arg: $argty, )*
                        $( $q: &$qty, )?
                        $( $b: &$bty, )?
                        context: Option<&crate::CallContext>,
                    ) -> Result<crate::merchant::ret_type!($resp), crate::Error> {
                        let path_args = [ $( ($ph, $arg.to_string()) ),* ];
                        let call = crate::api_resource::ApiCall {
                            method: payments_core::http::Method::$verb,
                            template: $path,
                            path_args: &path_args,
                            query: crate::merchant::query_arg!($( $q )?),
                            error_type: crate::exception_factory::ErrorType::$err,
                            force_gzip: $gzip,
                        };
                        let text = self.resource.call_blocking(call, crate::merchant::body_arg!($( $b )?), context)?;
                        crate::merchant::response!($resp, text)
                    }
                )*
            }
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

macro_rules! response {
    ((), $text:ident) => {{
        // a void call ignores any body of its 2xx response
        let _ = $text;
        Ok(())
    }};
    ($t:ident, $text:ident) => {
        crate::communicator::unmarshal::<crate::domain::$t>(&$text)
    };
}

pub(crate) use {api_client, body_arg, query_arg, response, ret_type};

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
#[derive(Debug, Clone)]
pub struct MerchantClient {
    resource: crate::api_resource::ApiResource<crate::Communicator>,
}

impl MerchantClient {
    pub(crate) fn new(resource: crate::api_resource::ApiResource<crate::Communicator>) -> Self {
        Self { resource }
    }

    /// The merchant id.
    pub fn merchant_id(&self) -> &str {
        self.resource.merchant_id.as_deref().unwrap_or_default()
    }

    /// `hosted_checkout()`: the `HostedCheckoutClient` of this merchant.
    pub fn hosted_checkout(&self) -> crate::merchant::hostedcheckout::HostedCheckoutClient {
        crate::merchant::hostedcheckout::HostedCheckoutClient::new(self.resource.clone())
    }

    /// `hosted_tokenization()`: the `HostedTokenizationClient` of this merchant.
    pub fn hosted_tokenization(
        &self,
    ) -> crate::merchant::hostedtokenization::HostedTokenizationClient {
        crate::merchant::hostedtokenization::HostedTokenizationClient::new(self.resource.clone())
    }

    /// `hosted_fields()`: the `HostedFieldsClient` of this merchant.
    pub fn hosted_fields(&self) -> crate::merchant::hostedfields::HostedFieldsClient {
        crate::merchant::hostedfields::HostedFieldsClient::new(self.resource.clone())
    }

    /// `payments()`: the `PaymentsClient` of this merchant.
    pub fn payments(&self) -> crate::merchant::payments::PaymentsClient {
        crate::merchant::payments::PaymentsClient::new(self.resource.clone())
    }

    /// `payment_links()`: the `PaymentLinksClient` of this merchant.
    pub fn payment_links(&self) -> crate::merchant::paymentlinks::PaymentLinksClient {
        crate::merchant::paymentlinks::PaymentLinksClient::new(self.resource.clone())
    }

    /// `captures()`: the `CapturesClient` of this merchant.
    pub fn captures(&self) -> crate::merchant::captures::CapturesClient {
        crate::merchant::captures::CapturesClient::new(self.resource.clone())
    }

    /// `refunds()`: the `RefundsClient` of this merchant.
    pub fn refunds(&self) -> crate::merchant::refunds::RefundsClient {
        crate::merchant::refunds::RefundsClient::new(self.resource.clone())
    }

    /// `complete()`: the `CompleteClient` of this merchant.
    pub fn complete(&self) -> crate::merchant::complete::CompleteClient {
        crate::merchant::complete::CompleteClient::new(self.resource.clone())
    }

    /// `subsequent()`: the `SubsequentClient` of this merchant.
    pub fn subsequent(&self) -> crate::merchant::subsequent::SubsequentClient {
        crate::merchant::subsequent::SubsequentClient::new(self.resource.clone())
    }

    /// `pre_authorization()`: the `PreAuthorizationClient` of this merchant.
    pub fn pre_authorization(&self) -> crate::merchant::preauthorization::PreAuthorizationClient {
        crate::merchant::preauthorization::PreAuthorizationClient::new(self.resource.clone())
    }

    /// `product_groups()`: the `ProductGroupsClient` of this merchant.
    pub fn product_groups(&self) -> crate::merchant::productgroups::ProductGroupsClient {
        crate::merchant::productgroups::ProductGroupsClient::new(self.resource.clone())
    }

    /// `products()`: the `ProductsClient` of this merchant.
    pub fn products(&self) -> crate::merchant::products::ProductsClient {
        crate::merchant::products::ProductsClient::new(self.resource.clone())
    }

    /// `services()`: the `ServicesClient` of this merchant.
    pub fn services(&self) -> crate::merchant::services::ServicesClient {
        crate::merchant::services::ServicesClient::new(self.resource.clone())
    }

    /// `webhooks()`: the `WebhooksClient` of this merchant.
    pub fn webhooks(&self) -> crate::merchant::webhooks::WebhooksClient {
        crate::merchant::webhooks::WebhooksClient::new(self.resource.clone())
    }

    /// `sessions()`: the `SessionsClient` of this merchant.
    pub fn sessions(&self) -> crate::merchant::sessions::SessionsClient {
        crate::merchant::sessions::SessionsClient::new(self.resource.clone())
    }

    /// `tokens()`: the `TokensClient` of this merchant.
    pub fn tokens(&self) -> crate::merchant::tokens::TokensClient {
        crate::merchant::tokens::TokensClient::new(self.resource.clone())
    }

    /// `cof_series()`: the `CofSeriesClient` of this merchant.
    pub fn cof_series(&self) -> crate::merchant::cofseries::CofSeriesClient {
        crate::merchant::cofseries::CofSeriesClient::new(self.resource.clone())
    }

    /// `tokenization()`: the `TokenizationClient` of this merchant.
    pub fn tokenization(&self) -> crate::merchant::tokenization::TokenizationClient {
        crate::merchant::tokenization::TokenizationClient::new(self.resource.clone())
    }

    /// `payouts()`: the `PayoutsClient` of this merchant.
    pub fn payouts(&self) -> crate::merchant::payouts::PayoutsClient {
        crate::merchant::payouts::PayoutsClient::new(self.resource.clone())
    }

    /// `mandates()`: the `MandatesClient` of this merchant.
    pub fn mandates(&self) -> crate::merchant::mandates::MandatesClient {
        crate::merchant::mandates::MandatesClient::new(self.resource.clone())
    }

    /// `privacy_policy()`: the `PrivacyPolicyClient` of this merchant.
    pub fn privacy_policy(&self) -> crate::merchant::privacypolicy::PrivacyPolicyClient {
        crate::merchant::privacypolicy::PrivacyPolicyClient::new(self.resource.clone())
    }

    /// `merchant_batch()`: the `MerchantBatchClient` of this merchant.
    pub fn merchant_batch(&self) -> crate::merchant::merchantbatch::MerchantBatchClient {
        crate::merchant::merchantbatch::MerchantBatchClient::new(self.resource.clone())
    }
}

/// The blocking `MerchantClient` (feature `blocking`).
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking {
    /// The blocking `MerchantClient`; see [`super::MerchantClient`].
    #[derive(Debug, Clone)]
    pub struct MerchantClient {
        resource: crate::api_resource::ApiResource<crate::blocking::Communicator>,
    }

    impl MerchantClient {
        pub(crate) fn new(
            resource: crate::api_resource::ApiResource<crate::blocking::Communicator>,
        ) -> Self {
            Self { resource }
        }

        /// The merchant id.
        pub fn merchant_id(&self) -> &str {
            self.resource.merchant_id.as_deref().unwrap_or_default()
        }

        /// `hosted_checkout()`: the `HostedCheckoutClient` of this merchant.
        pub fn hosted_checkout(
            &self,
        ) -> crate::merchant::hostedcheckout::blocking::HostedCheckoutClient {
            crate::merchant::hostedcheckout::blocking::HostedCheckoutClient::new(
                self.resource.clone(),
            )
        }

        /// `hosted_tokenization()`: the `HostedTokenizationClient` of this merchant.
        pub fn hosted_tokenization(
            &self,
        ) -> crate::merchant::hostedtokenization::blocking::HostedTokenizationClient {
            crate::merchant::hostedtokenization::blocking::HostedTokenizationClient::new(
                self.resource.clone(),
            )
        }

        /// `hosted_fields()`: the `HostedFieldsClient` of this merchant.
        pub fn hosted_fields(&self) -> crate::merchant::hostedfields::blocking::HostedFieldsClient {
            crate::merchant::hostedfields::blocking::HostedFieldsClient::new(self.resource.clone())
        }

        /// `payments()`: the `PaymentsClient` of this merchant.
        pub fn payments(&self) -> crate::merchant::payments::blocking::PaymentsClient {
            crate::merchant::payments::blocking::PaymentsClient::new(self.resource.clone())
        }

        /// `payment_links()`: the `PaymentLinksClient` of this merchant.
        pub fn payment_links(&self) -> crate::merchant::paymentlinks::blocking::PaymentLinksClient {
            crate::merchant::paymentlinks::blocking::PaymentLinksClient::new(self.resource.clone())
        }

        /// `captures()`: the `CapturesClient` of this merchant.
        pub fn captures(&self) -> crate::merchant::captures::blocking::CapturesClient {
            crate::merchant::captures::blocking::CapturesClient::new(self.resource.clone())
        }

        /// `refunds()`: the `RefundsClient` of this merchant.
        pub fn refunds(&self) -> crate::merchant::refunds::blocking::RefundsClient {
            crate::merchant::refunds::blocking::RefundsClient::new(self.resource.clone())
        }

        /// `complete()`: the `CompleteClient` of this merchant.
        pub fn complete(&self) -> crate::merchant::complete::blocking::CompleteClient {
            crate::merchant::complete::blocking::CompleteClient::new(self.resource.clone())
        }

        /// `subsequent()`: the `SubsequentClient` of this merchant.
        pub fn subsequent(&self) -> crate::merchant::subsequent::blocking::SubsequentClient {
            crate::merchant::subsequent::blocking::SubsequentClient::new(self.resource.clone())
        }

        /// `pre_authorization()`: the `PreAuthorizationClient` of this merchant.
        pub fn pre_authorization(
            &self,
        ) -> crate::merchant::preauthorization::blocking::PreAuthorizationClient {
            crate::merchant::preauthorization::blocking::PreAuthorizationClient::new(
                self.resource.clone(),
            )
        }

        /// `product_groups()`: the `ProductGroupsClient` of this merchant.
        pub fn product_groups(
            &self,
        ) -> crate::merchant::productgroups::blocking::ProductGroupsClient {
            crate::merchant::productgroups::blocking::ProductGroupsClient::new(
                self.resource.clone(),
            )
        }

        /// `products()`: the `ProductsClient` of this merchant.
        pub fn products(&self) -> crate::merchant::products::blocking::ProductsClient {
            crate::merchant::products::blocking::ProductsClient::new(self.resource.clone())
        }

        /// `services()`: the `ServicesClient` of this merchant.
        pub fn services(&self) -> crate::merchant::services::blocking::ServicesClient {
            crate::merchant::services::blocking::ServicesClient::new(self.resource.clone())
        }

        /// `webhooks()`: the `WebhooksClient` of this merchant.
        pub fn webhooks(&self) -> crate::merchant::webhooks::blocking::WebhooksClient {
            crate::merchant::webhooks::blocking::WebhooksClient::new(self.resource.clone())
        }

        /// `sessions()`: the `SessionsClient` of this merchant.
        pub fn sessions(&self) -> crate::merchant::sessions::blocking::SessionsClient {
            crate::merchant::sessions::blocking::SessionsClient::new(self.resource.clone())
        }

        /// `tokens()`: the `TokensClient` of this merchant.
        pub fn tokens(&self) -> crate::merchant::tokens::blocking::TokensClient {
            crate::merchant::tokens::blocking::TokensClient::new(self.resource.clone())
        }

        /// `cof_series()`: the `CofSeriesClient` of this merchant.
        pub fn cof_series(&self) -> crate::merchant::cofseries::blocking::CofSeriesClient {
            crate::merchant::cofseries::blocking::CofSeriesClient::new(self.resource.clone())
        }

        /// `tokenization()`: the `TokenizationClient` of this merchant.
        pub fn tokenization(&self) -> crate::merchant::tokenization::blocking::TokenizationClient {
            crate::merchant::tokenization::blocking::TokenizationClient::new(self.resource.clone())
        }

        /// `payouts()`: the `PayoutsClient` of this merchant.
        pub fn payouts(&self) -> crate::merchant::payouts::blocking::PayoutsClient {
            crate::merchant::payouts::blocking::PayoutsClient::new(self.resource.clone())
        }

        /// `mandates()`: the `MandatesClient` of this merchant.
        pub fn mandates(&self) -> crate::merchant::mandates::blocking::MandatesClient {
            crate::merchant::mandates::blocking::MandatesClient::new(self.resource.clone())
        }

        /// `privacy_policy()`: the `PrivacyPolicyClient` of this merchant.
        pub fn privacy_policy(
            &self,
        ) -> crate::merchant::privacypolicy::blocking::PrivacyPolicyClient {
            crate::merchant::privacypolicy::blocking::PrivacyPolicyClient::new(
                self.resource.clone(),
            )
        }

        /// `merchant_batch()`: the `MerchantBatchClient` of this merchant.
        pub fn merchant_batch(
            &self,
        ) -> crate::merchant::merchantbatch::blocking::MerchantBatchClient {
            crate::merchant::merchantbatch::blocking::MerchantBatchClient::new(
                self.resource.clone(),
            )
        }
    }
}
