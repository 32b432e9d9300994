//! Statuses and bank response codes.

use payments_core::open_enum;

open_enum! {
    /// Result of an operation (`TransactionStatus`).
    TransactionStatus {
        /// `success`
        Success => "success",
        /// `error`
        Error => "error",
        /// `server_error`
        ServerError => "server_error",
        /// `failed`
        Failed => "failed",
    }
}

open_enum! {
    /// Detailed state of a transaction, answered by `get_transaction_status`
    /// (`TransactionStatusExtended`).
    TransactionStatusExtended {
        /// `new`: created, not paid yet.
        New => "new",
        /// `success`
        Success => "success",
        /// `returned`: refunded.
        Returned => "returned",
        /// `error`
        Error => "error",
        /// `server_error`
        ServerError => "server_error",
    }
}

impl TransactionStatus {
    /// True for `error`, `server_error` and `failed`, the statuses the token endpoints
    /// treat as failures.
    pub fn is_error(&self) -> bool {
        matches!(self, Self::Error | Self::ServerError | Self::Failed)
    }
}

/// Every bank response code the official SDK knows (its `Code` table), with a short
/// English meaning.
#[doc(alias = "Code")]
pub const CODES: &[(&str, &str)] = &[
    ("000", "Approved"),
    ("100", "Declined (general, no reason given)"),
    ("101", "Declined (card expired)"),
    ("102", "Declined (fraud suspected)"),
    (
        "103",
        "Declined (merchant should contact the acquiring bank)",
    ),
    ("104", "Declined (restricted card)"),
    (
        "105",
        "Declined (merchant should call the acquirer's security department)",
    ),
    ("106", "Declined (allowed PIN attempts exceeded)"),
    ("107", "Declined (refer to the card issuer)"),
    (
        "108",
        "Declined (refer to the card issuer's special conditions)",
    ),
    ("109", "Declined: invalid merchant"),
    ("110", "Declined: invalid amount"),
    ("111", "Declined: invalid card number"),
    ("112", "Declined: PIN required"),
    ("113", "Declined: unacceptable amount or fee"),
    ("114", "Declined: requested account type does not exist"),
    ("115", "Declined: requested function not supported"),
    ("116", "Declined: insufficient funds"),
    ("117", "Declined: wrong PIN"),
    ("118", "Declined: no card record"),
    (
        "119",
        "Declined: transaction not allowed for the cardholder",
    ),
    ("120", "Declined: transaction not allowed for the terminal"),
    ("121", "Declined: security violation"),
    ("122", "Declined: amount limit exceeded"),
    ("123", "Declined: transaction frequency limit exceeded"),
    ("124", "Declined: funds not accepted"),
    ("125", "Declined: card not valid"),
    ("126", "Declined: invalid PIN block"),
    ("127", "Declined: PIN length error"),
    ("128", "Declined: PIN synchronisation error"),
    ("180", "Declined: counterfeit card or misuse"),
    ("181", "Declined: counterfeit card or misuse"),
    ("200", "Pick up card (general)"),
    ("201", "Pick up card (card expired)"),
    ("202", "Pick up card (fraud suspected)"),
    (
        "203",
        "Pick up card (merchant should contact the acquiring bank)",
    ),
    ("204", "Pick up card (restricted card)"),
    (
        "205",
        "Pick up card (merchant should call the acquirer's security department)",
    ),
    ("206", "Pick up card (allowed PIN attempts exceeded)"),
    ("207", "Pick up card (special conditions)"),
    ("208", "Pick up card (lost card)"),
    ("209", "Pick up card (stolen card)"),
    ("210", "Pick up card (counterfeit suspected)"),
    ("300", "File action succeeded"),
    ("301", "File action not supported by the receiver"),
    ("302", "Record not found in the file"),
    ("303", "Duplicate record, old record replaced"),
    ("304", "File action failed"),
    ("305", "File is locked"),
    ("306", "File action failed: edit error"),
    ("307", "Duplicate record, new record added"),
    ("308", "File data format error"),
    ("309", "File not accepted"),
    ("400", "Not accepted (unknown file)"),
    ("499", "Approved, original message not found in the balance"),
    ("500", "Reconciled, balance changed"),
    ("501", "Amount reconciled in balance, totals provided"),
    ("502", "Reconciled, out of balance"),
    ("503", "Totals for reconciliation not available"),
    ("504", "Not reconciled, totals provided"),
    ("600", "Accepted (original transaction cannot be traced)"),
    ("601", "Administrative restriction"),
    ("602", "POS terminal not in use"),
    ("603", "Transaction reference and card number do not match"),
    ("604", "Reference image is wrong"),
    ("605", "Requested item supplied"),
    (
        "606",
        "Request cannot be fulfilled: required documents not available",
    ),
    ("680", "List not ready"),
    ("681", "List ready"),
    ("700", "Accepted (fee collection)"),
    ("800", "Accepted (network management)"),
    (
        "900",
        "Advice acknowledged, no financial liability accepted",
    ),
    ("901", "Advice acknowledged, financial liability accepted"),
    ("902", "Declined: invalid transaction"),
    ("903", "Declined: re-enter the transaction"),
    ("904", "Declined: format error"),
    ("905", "Declined: acquirer not supported by the switch"),
    ("906", "Declined: cut-over in progress"),
    ("907", "Declined: issuer or switch inoperative"),
    (
        "908",
        "Declined: transaction destination cannot be found for routing",
    ),
    ("909", "Declined: system malfunction"),
    ("910", "Declined: card issuer signed off"),
    ("911", "Declined: card issuer timed out"),
    ("912", "Declined: card issuer unavailable"),
    ("913", "Declined: duplicate transaction"),
    ("914", "Declined: original transaction cannot be traced"),
    (
        "915",
        "Declined: reconciliation cut-over or checkpoint error",
    ),
    ("916", "Declined: incorrect MAC"),
    ("917", "Declined: MAC key synchronisation error"),
    ("918", "Declined: no communication keys available"),
    ("919", "Declined: encryption key synchronisation error"),
    (
        "920",
        "Declined: security software or hardware error, try again",
    ),
    (
        "921",
        "Declined: security software or hardware error, no action taken",
    ),
    ("922", "Declined: message number out of sequence"),
    ("923", "Request in progress"),
    ("950", "Declined: business agreement violated"),
    (
        "XXX",
        "Placeholder to be replaced by the card status code or the stop-list reason code",
    ),
    ("OY1", "Approved offline by the chip card"),
    ("OY3", "Approved offline by the chip card"),
    ("1Q1", "Declined offline by the chip card"),
    ("1Z1", "Declined offline by the chip card"),
    ("1Z3", "Declined offline by the chip card"),
];

/// The meaning of a bank response code, or `None` for a code the table does not list.
///
/// ```
/// assert_eq!(epoint::schemas::enums::code_meaning("116"), Some("Declined: insufficient funds"));
/// assert_eq!(epoint::schemas::enums::code_meaning("999"), None);
/// ```
pub fn code_meaning(code: &str) -> Option<&'static str> {
    CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, meaning)| *meaning)
}

/// The meaning of a code, or the code itself when unknown (like the official
/// `Code.get(code, code)`).
pub fn describe_code(code: &str) -> &str {
    match code_meaning(code) {
        Some(meaning) => meaning,
        None => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_table_is_complete_and_unique() {
        assert_eq!(CODES.len(), 102);
        let mut keys: Vec<&str> = CODES.iter().map(|(c, _)| *c).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 102);
        assert_eq!(code_meaning("000"), Some("Approved"));
        assert_eq!(
            code_meaning("1Z3"),
            Some("Declined offline by the chip card")
        );
        assert_eq!(describe_code("ABC"), "ABC");
        assert_eq!(describe_code("116"), "Declined: insufficient funds");
    }

    #[test]
    fn open_enums_round_trip() {
        for s in ["success", "error", "server_error", "failed"] {
            assert_eq!(TransactionStatus::parse(s).as_str(), s);
            assert!(!matches!(
                TransactionStatus::parse(s),
                TransactionStatus::Unknown(_)
            ));
        }
        assert_eq!(
            TransactionStatus::parse("new"),
            TransactionStatus::Unknown("new".into())
        );
        assert_eq!(
            TransactionStatusExtended::from("returned"),
            TransactionStatusExtended::Returned
        );
        assert_eq!(TransactionStatusExtended::parse("odd").to_string(), "odd");
        assert!(TransactionStatus::Failed.is_error());
        assert!(!TransactionStatus::Success.is_error());
        let s: TransactionStatus = serde_json::from_str("\"server_error\"").unwrap();
        assert_eq!(s, TransactionStatus::ServerError);
        assert!(serde_json::from_str::<TransactionStatus>("1").is_err());
        assert_eq!(
            serde_json::to_string(&TransactionStatus::Unknown("x".into())).unwrap(),
            "\"x\""
        );
    }
}
