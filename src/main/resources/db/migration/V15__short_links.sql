-- Short links in SMS (issue 12): {hub.public-url}/s/{code} redirects to the target stored here for
-- that code, never to a URL taken from the request. One code per message and link, so a message
-- rendered again (a retry) carries the same link; the code is random (tracking.ShortCode), unique.
CREATE TABLE short_link (
    code        VARCHAR(16)   PRIMARY KEY,
    outbox_id   BIGINT        NOT NULL REFERENCES outbox (id),
    contact_id  BIGINT        NOT NULL REFERENCES contact (id),
    link        VARCHAR(64)   NOT NULL,
    target_url  VARCHAR(2000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT short_link_message_uk UNIQUE (outbox_id, link)
);
