-- Signatures of signed requests already accepted, so that a captured request cannot be sent again
-- while its timestamp is still fresh; rows are pruned once they expire.
CREATE TABLE request_signature (
    partner_id  VARCHAR(100) NOT NULL,
    signature   VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (partner_id, signature)
);
CREATE INDEX request_signature_expires ON request_signature (expires_at);
