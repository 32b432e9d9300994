//! Offline sandboxes of the NoPayn, ECommPay, EPoint and Online Payments APIs for tests
