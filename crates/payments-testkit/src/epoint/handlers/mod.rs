//! The API handlers, one file per group of SDK methods (each handler is named after the SDK
//! method), and the field checks they share.

use super::auth::Payload;

pub(super) mod cards;
pub(super) mod payments;
pub(super) mod refunds;
pub(super) mod status;
pub(super) mod tokens;

/// Checks the fields every paying endpoint needs.
pub(super) fn check_payment(p: &Payload, split: bool, description: bool) -> Result<(), String> {
    p.amount("amount")?;
    p.str("currency")?;
    p.str("order_id")?;
    if description {
        p.str("description")?;
    }
    if split {
        p.str("split_user")?;
        p.amount("split_amount")?;
    }
    Ok(())
}
