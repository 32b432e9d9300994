//! Open enums for values the API owns: statuses, payment methods, order line types.
//!
//! Each one keeps values this SDK does not know in `Unknown(String)`, so a new value
//! never breaks parsing, and serialises back to the exact wire text.

use payments_core::open_enum;

open_enum! {
    /// Status of an order.
    OrderStatus {
        /// `new`: the order was created.
        New => "new",
        /// `processing`: a payment is in progress.
        Processing => "processing",
        /// `completed`: paid; deliver the goods. Final.
        Completed => "completed",
        /// `cancelled`: cancelled by the customer. Final.
        Cancelled => "cancelled",
        /// `expired`: the payment link expired. Final.
        Expired => "expired",
        /// `error`: a technical error. Final.
        Error => "error",
    }
}

impl OrderStatus {
    /// True for the statuses an order never leaves: `completed`, `cancelled`,
    /// `expired` and `error`. Unknown statuses are not final.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            OrderStatus::Completed
                | OrderStatus::Cancelled
                | OrderStatus::Expired
                | OrderStatus::Error
        )
    }
}

open_enum! {
    /// Status of a transaction.
    TransactionStatus {
        /// `new`
        New => "new",
        /// `pending`
        Pending => "pending",
        /// `processing`
        Processing => "processing",
        /// `accepted`: authorised, not captured yet.
        Accepted => "accepted",
        /// `completed`
        Completed => "completed",
        /// `captured`
        Captured => "captured",
        /// `voided`
        Voided => "voided",
        /// `cancelled`
        Cancelled => "cancelled",
        /// `expired`
        Expired => "expired",
        /// `error`
        Error => "error",
    }
}

open_enum! {
    /// Status of a refund.
    RefundStatus {
        /// `new`
        New => "new",
        /// `pending`
        Pending => "pending",
        /// `processing`
        Processing => "processing",
        /// `completed`
        Completed => "completed",
        /// `cancelled`
        Cancelled => "cancelled",
        /// `expired`
        Expired => "expired",
        /// `error`
        Error => "error",
    }
}

open_enum! {
    /// A payment method offered on the hosted payment page.
    PaymentMethod {
        /// `credit-card`
        CreditCard => "credit-card",
        /// `apple-pay`
        ApplePay => "apple-pay",
        /// `google-pay`
        GooglePay => "google-pay",
        /// `vipps-mobilepay`
        VippsMobilepay => "vipps-mobilepay",
    }
}

open_enum! {
    /// Type of an order line.
    OrderLineType {
        /// `physical`: goods.
        Physical => "physical",
        /// `digital`: digital goods.
        Digital => "digital",
        /// `shipping_fee`
        ShippingFee => "shipping_fee",
        /// `discount`
        Discount => "discount",
        /// `handling_fee`
        HandlingFee => "handling_fee",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_statuses() {
        let cases = [
            ("new", false),
            ("processing", false),
            ("completed", true),
            ("cancelled", true),
            ("expired", true),
            ("error", true),
            ("see-transactions", false),
            ("COMPLETED", false),
        ];
        for (wire, fin) in cases {
            let s = OrderStatus::from(wire);
            assert_eq!(s.is_final(), fin, "{wire}");
            assert_eq!(s.as_str(), wire);
        }
        assert_eq!(OrderStatus::known().len(), 6);
    }

    #[test]
    fn unknown_values_round_trip() {
        let m: PaymentMethod = serde_json::from_str(r#""klarna""#).unwrap();
        assert_eq!(m, PaymentMethod::Unknown("klarna".into()));
        assert_eq!(serde_json::to_string(&m).unwrap(), r#""klarna""#);
        let m: PaymentMethod = "vipps-mobilepay".parse().unwrap();
        assert_eq!(m, PaymentMethod::VippsMobilepay);
        assert_eq!(m.to_string(), "vipps-mobilepay");
        assert_eq!(
            PaymentMethod::from(String::from("apple-pay")),
            PaymentMethod::ApplePay
        );
        assert!(TransactionStatus::Captured == "captured");
        assert_eq!(
            OrderLineType::from("shipping_fee"),
            OrderLineType::ShippingFee
        );
        assert_eq!(RefundStatus::from("pending"), RefundStatus::Pending);
        for m in PaymentMethod::known() {
            assert_eq!(&PaymentMethod::from(m.as_str()), m);
        }
    }
}
