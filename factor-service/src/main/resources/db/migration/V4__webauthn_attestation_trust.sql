-- Whether a WebAuthn credential's attestation chained to a configured trust anchor when it was registered
-- (sequent.webauthn.trust-anchors). Null for credentials registered before the check existed: not assessed.
alter table factor
    add column webauthn_attestation_trusted boolean;
