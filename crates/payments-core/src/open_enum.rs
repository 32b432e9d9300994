//! [`open_enum!`](crate::open_enum): enums for values a provider owns (statuses, methods,
//! codes) that keep unknown values instead of failing to parse.

/// Defines a `#[non_exhaustive]` enum of wire strings with an `Unknown(String)` variant.
///
/// A value this version does not know is kept verbatim in `Unknown`, so a new value never
/// breaks parsing, and every value serialises back to its exact wire text. The enum gets
/// `as_str`, `parse`, `known`, `From<&str>`, `From<String>`, `FromStr`, `Display`,
/// comparisons with `str`, and serde (as a string).
///
/// ```
/// payments_core::open_enum! {
///     /// Status of an order.
///     OrderStatus {
///         /// `new`
///         New => "new",
///         /// `completed`
///         Completed => "completed",
///     }
/// }
///
/// assert_eq!(OrderStatus::parse("completed"), OrderStatus::Completed);
/// assert_eq!(OrderStatus::parse("refunded"), OrderStatus::Unknown("refunded".into()));
/// assert_eq!(serde_json::to_string(&OrderStatus::New).unwrap(), "\"new\"");
/// let status: OrderStatus = serde_json::from_str("\"on_hold\"").unwrap();
/// assert_eq!(status.as_str(), "on_hold");
/// assert_eq!(OrderStatus::known(), &[OrderStatus::New, OrderStatus::Completed]);
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know, kept verbatim.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The wire text.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(other) => other.as_str(),
                }
            }

            /// Parses the wire text; unknown text becomes `Unknown`.
            pub fn parse(text: &str) -> Self {
                match text {
                    $( $wire => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                }
            }

            /// Every known value.
            pub fn known() -> &'static [$name] {
                &[$( Self::$variant, )+]
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::parse(text)
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(text: ::std::string::String) -> Self {
                match Self::parse(&text) {
                    Self::Unknown(_) => Self::Unknown(text),
                    known => known,
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::parse(text))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::std::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(
                    deserializer,
                )
                .map(Self::from)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::open_enum! {
        /// A test enum.
        Colour {
            /// `red`
            Red => "red",
            /// `dark blue`
            DarkBlue => "dark blue",
        }
    }

    #[test]
    fn known_unknown_and_round_trips() {
        assert_eq!(Colour::parse("dark blue"), Colour::DarkBlue);
        assert_eq!(
            Colour::from("green".to_owned()),
            Colour::Unknown("green".into())
        );
        assert_eq!("red".parse::<Colour>().unwrap(), Colour::Red);
        assert_eq!(Colour::Unknown("Red".into()).as_str(), "Red");
        assert_eq!(Colour::DarkBlue.to_string(), "dark blue");
        assert!(Colour::Red == "red");
        assert_eq!(Colour::known().len(), 2);
        for c in [Colour::Red, Colour::DarkBlue, Colour::Unknown("x y".into())] {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<Colour>(&json).unwrap(), c);
        }
        assert!(serde_json::from_str::<Colour>("1").is_err());
    }
}
