-- Small named values a connector keeps per side across restarts and instances: a poll cursor, a
-- count of automatic mails sent to an address today.
CREATE TABLE connector_state (
    side         VARCHAR(100) NOT NULL,
    state_key    VARCHAR(500) NOT NULL,
    state_value  VARCHAR(4000) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (side, state_key)
);

-- Replies thread onto a ticket by the Message-IDs of the mails already in it.
CREATE INDEX comment_message_id ON comment (message_id);

-- What became of raw input that deliberately became no change (an out-of-office answer, say).
ALTER TABLE raw_input ADD COLUMN outcome VARCHAR(1000);
