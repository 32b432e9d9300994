//! Proxy settings.

use std::fmt;

use payments_core::http::ProxyConfig;
use payments_core::secret::{ExposeSecret, SecretString};

use crate::errors::Error;

/// `ProxyConfiguration`: an HTTP(S) proxy, with optional basic-authentication
/// credentials. `Display` prints `scheme://host:port` (never the credentials).
///
/// ```
/// use onlinepayments::ProxyConfiguration;
///
/// let proxy = ProxyConfiguration::from_uri("http://user:pw@proxy.example:3128", None, None)?;
/// assert_eq!(proxy.host(), "proxy.example");
/// assert_eq!(proxy.port(), 3128);
/// assert_eq!(proxy.username(), Some("user"));
/// assert_eq!(proxy.to_string(), "http://proxy.example:3128");
/// # Ok::<(), onlinepayments::Error>(())
/// ```
#[derive(Clone)]
pub struct ProxyConfiguration {
    scheme: String,
    host: String,
    port: u16,
    username: Option<String>,
    password: Option<SecretString>,
}

impl ProxyConfiguration {
    /// A proxy at `scheme://host:port`; host required, port 1-65535.
    pub fn new(
        scheme: impl Into<String>,
        host: impl Into<String>,
        port: u16,
    ) -> Result<Self, Error> {
        let host = host.into();
        if host.is_empty() {
            return Err(Error::configuration("host is required"));
        }
        if port == 0 {
            return Err(Error::configuration("port is required"));
        }
        Ok(Self {
            scheme: scheme.into(),
            host,
            port,
            username: None,
            password: None,
        })
    }

    /// Adds basic-authentication credentials.
    pub fn with_credentials(mut self, username: impl Into<String>, password: SecretString) -> Self {
        self.username = Some(username.into());
        self.password = Some(password);
        self
    }

    /// Parses `scheme://[user:password@]host[:port]`. The port defaults to 80 for `http`
    /// and 443 for `https`; other schemes need a port. `username` and `password`, when
    /// given, replace the ones in the URI.
    pub fn from_uri(
        uri: &str,
        username: Option<String>,
        password: Option<SecretString>,
    ) -> Result<Self, Error> {
        let invalid =
            || Error::configuration(format!("invalid proxy uri: {}", redact_userinfo(uri)));
        let (scheme, rest) = uri.split_once("://").ok_or_else(invalid)?;
        let scheme = scheme.to_ascii_lowercase();
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => {
                if p.is_empty() {
                    (h, None)
                } else {
                    let n: u16 = p.parse().map_err(|_| invalid())?;
                    (h, Some(n))
                }
            }
            _ => (hostport, None),
        };
        if host.is_empty() {
            return Err(invalid());
        }
        let port = match port {
            Some(p) => p,
            None if scheme == "http" => 80,
            None if scheme == "https" => 443,
            None => {
                return Err(Error::configuration(format!(
                    "unsupported scheme: {scheme}"
                )));
            }
        };
        let (uri_user, uri_password) = match userinfo {
            Some(u) => match u.split_once(':') {
                Some((n, p)) => (Some(n.to_owned()), Some(SecretString::from(p.to_owned()))),
                None => (Some(u.to_owned()), None),
            },
            None => (None, None),
        };
        let mut proxy = Self::new(scheme, format!("{}{}", host.to_lowercase(), path), port)?;
        proxy.username = username.or(uri_user);
        proxy.password = password.or(uri_password);
        Ok(proxy)
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// Host name.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// User name for basic authentication.
    pub fn username(&self) -> Option<&str> {
        self.username.as_deref()
    }

    /// Password for basic authentication.
    pub fn password(&self) -> Option<&SecretString> {
        self.password.as_ref()
    }

    /// The transport setting; credentials are used when both user and password are set.
    pub fn to_proxy_config(&self) -> ProxyConfig {
        let config = ProxyConfig::new(self.to_string());
        match (&self.username, &self.password) {
            (Some(user), Some(password)) => {
                config.with_credentials(user.clone(), password.expose_secret().to_owned())
            }
            _ => config,
        }
    }
}

fn redact_userinfo(uri: &str) -> String {
    match (uri.split_once("://"), uri.rfind('@')) {
        (Some((scheme, _)), Some(at)) => {
            format!("{scheme}://***{}", uri.get(at..).unwrap_or_default())
        }
        _ => uri.to_owned(),
    }
}

impl fmt::Display for ProxyConfiguration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

impl fmt::Debug for ProxyConfiguration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfiguration")
            .field("scheme", &self.scheme)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_uri() {
        let p = ProxyConfiguration::from_uri("https://proxy.example", None, None).unwrap();
        assert_eq!((p.scheme(), p.port()), ("https", 443));
        let p =
            ProxyConfiguration::from_uri("http://u:secret@h:81", Some("v".into()), None).unwrap();
        assert_eq!(p.username(), Some("v"));
        assert_eq!(
            p.password()
                .map(|s| s.expose_secret().to_owned())
                .as_deref(),
            Some("secret")
        );
        assert!(!format!("{p:?}").contains("secret"));
        assert_eq!(p.to_proxy_config().expose_password(), Some("secret"));
        assert_eq!(
            ProxyConfiguration::from_uri("socks5://h", None, None)
                .unwrap_err()
                .to_string(),
            "unsupported scheme: socks5"
        );
        assert!(ProxyConfiguration::from_uri("http://h:70000", None, None).is_err());
        assert!(ProxyConfiguration::from_uri("nothing", None, None).is_err());
        let err = ProxyConfiguration::from_uri("http://u:pw@", None, None)
            .unwrap_err()
            .to_string();
        assert!(!err.contains("pw"), "{err}");
    }
}
