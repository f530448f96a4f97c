package io.sequent.directory.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incremental high-water mark of a directory that has no {@code uSNChanged} (OpenLDAP and other non-AD
 * servers): the time of the newest change an import saw, read from {@code entryCSN} where entries carry it
 * (microseconds) or else {@code modifyTimestamp} (seconds). Both are server times, so the mark never depends on
 * this service's clock. The next import asks for {@code (attribute>=mark)}; the mark is kept an overlap before
 * the newest change seen, so a change made while an import was reading is read again next time (applying an
 * unchanged entry writes nothing).
 */
public record ChangeMark(String attribute, Instant at) {

    public static final String ENTRY_CSN = "entryCSN";
    public static final String MODIFY_TIMESTAMP = "modifyTimestamp";

    /** {@code 20261122131500Z}, {@code 20261122131500.123456Z} or a CSN {@code 20261122131500.123456Z#000000#000#000000}. */
    private static final Pattern TIME = Pattern.compile("^(\\d{14})(?:[.,](\\d{1,9}))?Z");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    public ChangeMark {
        if (!ENTRY_CSN.equals(attribute) && !MODIFY_TIMESTAMP.equals(attribute)) {
            throw new IllegalArgumentException("a change mark is an entryCSN or a modifyTimestamp, not " + attribute);
        }
        Objects.requireNonNull(at, "at");
    }

    /** The instant a generalized time or a CSN names; empty when it is neither. */
    public static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = TIME.matcher(value.trim());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            Instant seconds = LocalDateTime.parse(m.group(1), SECONDS).toInstant(ZoneOffset.UTC);
            String fraction = m.group(2) == null ? "" : m.group(2);
            long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
            return Optional.of(seconds.plusNanos(nanos));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value for {@code (attribute>=value)}: a CSN for entryCSN, a generalized time for modifyTimestamp. */
    public String filterValue() {
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        if (ENTRY_CSN.equals(attribute)) {
            return SECONDS.format(t) + "." + String.format("%06d", t.getNano() / 1000) + "Z#000000#000#000000";
        }
        return SECONDS.format(t) + "Z";
    }

    /** {@code attribute:instant}, as stored with the directory. */
    public String stored() {
        return attribute + ":" + at;
    }

    public static ChangeMark fromStored(String stored) {
        int colon = stored.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a stored change mark: " + stored);
        }
        return new ChangeMark(stored.substring(0, colon), Instant.parse(stored.substring(colon + 1)));
    }

    /** The mark after an import whose newest change seen was {@code newest}: {@code overlap} earlier, whole seconds. */
    public static ChangeMark after(String attribute, Instant newest, Duration overlap) {
        return new ChangeMark(attribute, newest.minus(overlap).truncatedTo(ChronoUnit.SECONDS));
    }
}
