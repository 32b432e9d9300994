"""Writes the benchmark inputs of the Online Payments section (deterministic).

Usage: onlinepayments_inputs.py <dir>. Writes payment_response.json (one captured card
payment), webhook_payment_captured.json (the `payment.captured` event of that payment),
webhook.json (its key id, secret and X-GCS-Signature), get_payment_products_response.json
(a catalogue of card and redirect products with their fields) and create_payment.json (the
key, URL and headers that the create-payment request is signed with).
"""

import base64
import hashlib
import hmac
import json
import os
import random
import sys

COMPACT = (",", ":")


def payment(rng):
    return {
        "hostedCheckoutSpecificOutput": {"hostedCheckoutId": "4068", "variant": "101"},
        "id": "3066019730_0",
        "paymentOutput": {
            "amountOfMoney": {"amount": 12999, "currencyCode": "EUR"},
            "acquiredAmount": {"amount": 12999, "currencyCode": "EUR"},
            "amountPaid": 12999,
            "cardPaymentMethodSpecificOutput": {
                "acquirerInformation": {"name": "ACQUIRER"},
                "authorisationCode": "726747",
                "card": {
                    "bin": "41111111",
                    "cardNumber": "************1111",
                    "cardScheme": "Visa",
                    "cardType": "Credit",
                    "countryCode": "BE",
                    "expiryDate": "1230",
                    "issuerName": "Zahlungsbank Köln",
                    "panLengthMax": 16,
                    "panLengthMin": 16,
                    "panLuhnCheck": True,
                },
                "fraudResults": {"avsResult": "U", "cvvResult": "M", "fraudServiceResult": "accepted"},
                "initialSchemeTransactionId": "8f7ce4c3d06a7e0e",
                "paymentOption": "VISA",
                "paymentProductId": 1,
                "schemeTransactionId": "8f7ce4c3d06a7e0e",
                "threeDSecureResults": {
                    "acsTransactionId": "2f7a3f4e-9c1e-4fd5-8d2c-0d1e0f5a7b21",
                    "authenticationStatus": "Y",
                    "cavv": "AAABBEg0VhI0VniQEjRWAAAAAAA=",
                    "challengeIndicator": "no-preference",
                    "dsTransactionId": "f25084f0-5b16-4c0a-ae5d-b24808a95e4b",
                    "eci": "5",
                    "flow": "challenge",
                    "liability": "issuer",
                    "schemeEci": "05",
                    "version": "2.2.0",
                },
                "token": "bfa8a7e4-4530-455a-858d-204ba2afb77e",
            },
            "customer": {"device": {"ipAddressCountryCode": "BE"}},
            "merchantParameters": "{\"basket\":\"B-7731\",\"channel\":\"web\"}",
            "paymentMethod": "card",
            "references": {"merchantReference": "order-2024-000731", "merchantParameters": "p=1"},
            "surchargeSpecificOutput": {
                "mode": "onBehalfOf",
                "surchargeAmount": {"amount": 150, "currencyCode": "EUR"},
                "surchargeRate": {"adValoremRate": 1.15, "specificRate": 0,
                                  "surchargeProductTypeId": "PAYONE", "surchargeProductTypeVersion": "1"},
            },
            "paymentCreationDate": "2024-03-05T10:00:00.123+01:00",
            "transactionDate": "2024-03-05T10:00:02.456+01:00",
        },
        "status": "CAPTURED",
        "statusOutput": {
            "isAuthorized": True,
            "isCancellable": False,
            "isRefundable": True,
            "statusCategory": "COMPLETED",
            "statusCode": 9,
            "statusCodeChangeDateTime": "20240305100002",
        },
    }


def text_field(rng, fid, label, max_len, regex=None, mask=None):
    validators = {"length": {"maxLength": max_len, "minLength": 1}}
    if regex:
        validators["regularExpression"] = {"regularExpression": regex}
    hints = {
        "alwaysShow": False,
        "displayOrder": rng.randint(0, 20),
        "formElement": {"type": "text"},
        "label": label,
        "obfuscate": fid in ("cvv", "cardNumber"),
        "placeholderLabel": label.lower(),
        "preferredInputType": "StringKeyboard",
        "tooltip": {"image": f"https://assets.example.com/tooltips/{fid}.png",
                    "label": f"Enter the {label.lower()} as printed"},
    }
    if mask:
        hints["mask"] = mask
    return {"dataRestrictions": {"isRequired": True, "validators": validators},
            "displayHints": hints, "id": fid, "type": "string"}


def list_field(rng, fid, label, n):
    mapping = []
    for i in range(n):
        value = f"{fid.upper()}{i:04d}"
        mapping.append({
            "displayElements": [
                {"id": "displayName", "label": "Name", "type": "STRING",
                 "value": f"Banque {rng.choice(['Générale', 'Populaire', 'du Nord', 'Öresund', 'Mutuelle'])} {i}"},
                {"id": "logo", "type": "URI", "value": f"https://assets.example.com/issuers/{value}.png"},
            ],
            "value": value,
        })
    return {
        "dataRestrictions": {"isRequired": True,
                             "validators": {"fixedList": {"allowedValues": [m["value"] for m in mapping]}}},
        "displayHints": {"alwaysShow": True, "displayOrder": 0,
                         "formElement": {"type": "list", "valueMapping": mapping},
                         "label": label, "obfuscate": False, "preferredInputType": "StringKeyboard"},
        "id": fid, "type": "string",
    }


def products(rng):
    out = []
    locales = ["en_GB", "nl_NL", "fr_FR", "de_DE", "it_IT", "es_ES"]
    for pid in range(1, 54):
        card = pid <= 24
        product = {
            "allowsAuthentication": card,
            "allowsRecurring": card or pid % 3 == 0,
            "allowsTokenization": card,
            "displayHints": {"displayOrder": pid, "label": f"Product {pid}",
                             "logo": f"https://assets.example.com/products/{pid}.svg"},
            "displayHintsList": [
                {"displayOrder": pid, "label": f"Product {pid} ({loc})",
                 "logo": f"https://assets.example.com/products/{pid}.svg"} for loc in locales
            ],
            "id": pid,
            "paymentMethod": "card" if card else "redirect",
            "paymentProductGroup": "Cards" if card else None,
            "usesRedirectionTo3rdParty": not card,
        }
        if product["paymentProductGroup"] is None:
            del product["paymentProductGroup"]
        if card:
            product["fields"] = [
                text_field(rng, "cardNumber", "Card number", 19, "^[0-9]{12,19}$",
                           "{{9999}} {{9999}} {{9999}} {{9999}} {{999}}"),
                text_field(rng, "cardholderName", "Cardholder name", 51),
                text_field(rng, "expiryDate", "Expiry date", 4, "^(0[1-9]|1[0-2])[0-9]{2}$", "{{99}}/{{99}}"),
                text_field(rng, "cvv", "Security code", 4, "^[0-9]{3,4}$", "{{9999}}"),
            ]
            product["fields"][0]["dataRestrictions"]["validators"]["luhn"] = {}
            product["fields"][2]["dataRestrictions"]["validators"]["expirationDate"] = {}
            product["accountsOnFile"] = [{
                "attributes": [
                    {"key": "alias", "status": "READ_ONLY", "value": f"************{rng.randint(1000, 9999)}"},
                    {"key": "cardholderName", "status": "CAN_WRITE", "value": "Wolfgang Müller"},
                    {"key": "expiryDate", "mustWriteReason": "IN_THE_PAST", "status": "MUST_WRITE", "value": "0123"},
                ],
                "displayHints": {"labelTemplate": [{"attributeKey": "alias", "mask": "{{9999}} {{9999}} {{9999}} {{9999}}"}],
                                 "logo": f"https://assets.example.com/products/{pid}.svg"},
                "id": f"aof-{pid}-{k}", "paymentProductId": pid,
            } for k in range(2)]
        else:
            product["fields"] = [list_field(rng, "issuerId", "Bank", 12 if pid % 4 else 30),
                                 text_field(rng, "customerName", "Account holder", 70)]
        out.append(product)
    out.append({"id": 302, "paymentMethod": "mobile", "displayHints": {"displayOrder": 99, "label": "Apple Pay", "logo": "x"},
                "paymentProduct302SpecificData": {"networks": ["Visa", "MasterCard", "Amex", "Discover"]}})
    out.append({"id": 320, "paymentMethod": "mobile", "displayHints": {"displayOrder": 98, "label": "Google Pay", "logo": "y"},
                "paymentProduct320SpecificData": {"gateway": "worldlinedirect", "networks": ["VISA", "MASTERCARD"]}})
    return {"paymentProducts": out}


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(11)

    def write(name, text):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)

    pay = payment(rng)
    write("payment_response.json", json.dumps(pay, separators=COMPACT, ensure_ascii=False))
    event = {"apiVersion": "v1", "created": "2024-03-05T10:00:03.789+01:00",
             "id": "34b8a607-1fce-4003-b3ae-a4d29e92b232", "merchantId": "TestMerchant",
             "type": "payment.captured", "payment": pay}
    body = json.dumps(event, separators=COMPACT, ensure_ascii=False)
    write("webhook_payment_captured.json", body)
    secret = "webhook-secret-7f3c2a1b"
    signature = base64.b64encode(hmac.new(secret.encode(), body.encode("utf-8"), hashlib.sha256).digest()).decode()
    write("webhook.json", json.dumps({"key_id": "webhook-key-1", "secret": secret, "signature": signature}, indent=2) + "\n")
    write("get_payment_products_response.json", json.dumps(products(rng), separators=COMPACT, ensure_ascii=False))
    meta = base64.b64encode(json.dumps({"platformIdentifier": "Linux; Python 3.12", "sdkIdentifier": "Python3ServerSDK/v10.3.0",
                                        "sdkCreator": "OnlinePayments", "integrator": "Bench Shop"}).encode()).decode()
    create = {
        "api_key_id": "EC36A74A98D21",
        "secret_api_key": "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1",
        "method": "POST",
        "url": "https://payment.preprod.direct.worldline-solutions.com/v2/TestMerchant/payments",
        "headers": [
            ["X-GCS-ClientMetaInfo", base64.b64encode(b'{"platformIdentifier":"web shop"}').decode()],
            ["Content-Type", "application/json"],
            ["X-GCS-ServerMetaInfo", meta],
            ["Date", "Tue, 05 Mar 2024 09:00:00 GMT"],
            ["X-GCS-Idempotence-Key", "order-2024-000731-1"],
        ],
    }
    write("create_payment.json", json.dumps(create, indent=2) + "\n")


if __name__ == "__main__":
    main()
