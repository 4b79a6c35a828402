package com.studytracker.generated;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * An RFC 3339 date-time as a producer writes it: 0 to 9 (or more) fractional digits,
 * {@code T} or {@code t}, {@code Z}, {@code z} or a numeric offset (incl.
 * {@code -00:00}).
 */
public record Stamp(int year, int month, int day, int hour, int minute, int second, String fraction, char t,
		String offset) {

	public String text() {
		return String.format("%04d-%02d-%02d%c%02d:%02d:%02d%s%s", this.year, this.month, this.day, this.t, this.hour,
				this.minute, this.second, this.fraction.isEmpty() ? "" : "." + this.fraction, this.offset);
	}

	int offsetSeconds() {
		if (this.offset.equalsIgnoreCase("z")) {
			return 0;
		}
		int sign = this.offset.startsWith("-") ? -1 : 1;
		return sign * (Integer.parseInt(this.offset.substring(1, 3)) * 3600
				+ Integer.parseInt(this.offset.substring(4, 6)) * 60);
	}

	/**
	 * The instant it names (fractions beyond nanoseconds dropped); null for a leap
	 * second, which has no instant of its own in java.time.
	 */
	public Instant instant() {
		if (this.second == 60) {
			return null;
		}
		String nanos = (this.fraction + "000000000").substring(0, 9);
		long epochSecond = LocalDateTime.of(this.year, this.month, this.day, this.hour, this.minute, this.second)
			.toEpochSecond(ZoneOffset.UTC) - offsetSeconds();
		return Instant.ofEpochSecond(epochSecond, Long.parseLong(nanos));
	}

	/** What the contract keeps: the instant truncated to microseconds. */
	public Instant stored() {
		Instant instant = instant();
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS) : null;
	}

	/**
	 * The same instant at microsecond precision, written at another offset, with other
	 * digits beyond the microsecond (or trailing zeros) and another case of T/Z: equal
	 * content after parsing, as the contract compares it.
	 */
	public String equivalent(Random random) {
		Instant instant = stored();
		if (instant == null || this.fraction.length() > 9) {
			return this.text();
		}
		int offsetMinutes = (random.nextInt(4) == 0) ? 0 : (random.nextInt(18 * 60 * 2 + 1) - 18 * 60);
		LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
				ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
		if (local.getYear() < 1900 || local.getYear() > 9999) {
			local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
			offsetMinutes = 0;
			if (local.getYear() < 1900 || local.getYear() > 9999) {
				// Only the original offset writes this instant within the years
				// 1900-9999.
				return this.text();
			}
		}
		String micros = String.format("%06d", instant.getNano() / 1000);
		String fraction = switch (random.nextInt(3)) {
			case 0 -> micros.replaceFirst("0+$", "");
			case 1 -> micros + "000".substring(0, random.nextInt(4));
			default -> micros + String.valueOf(random.nextInt(1000) + 1000).substring(1, 1 + random.nextInt(4));
		};
		String offsetText = (offsetMinutes == 0 && random.nextBoolean()) ? (random.nextBoolean() ? "Z" : "z")
				: String.format("%s%02d:%02d", (offsetMinutes < 0) ? "-" : "+", Math.abs(offsetMinutes) / 60,
						Math.abs(offsetMinutes) % 60);
		return new Stamp(local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(),
				local.getMinute(), local.getSecond(), fraction, random.nextBoolean() ? 'T' : 't', offsetText)
			.text();
	}

}
