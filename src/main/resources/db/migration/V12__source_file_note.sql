-- Why a loyalty file was recorded as it was: EMPTY (no data lines) or FAILED (every line
-- rejected, or the file could not be read), in words an operator can act on.
ALTER TABLE source_file ADD COLUMN note VARCHAR(500);
