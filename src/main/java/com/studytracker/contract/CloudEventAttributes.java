package com.studytracker.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CloudEvents attributes this service reads, as sent (null when absent), with what
 * was wrong in how they were sent. From Kafka headers in binary mode, from the top-level
 * members of the value in structured mode; extensions and other attributes are ignored.
 */
record CloudEventAttributes(String[] values, List<Violation> problems) {

	/** The attributes read, each with its structured member and binary header. */
	enum Name {

		ID("id", CloudEvents.ID), SPECVERSION("specversion", CloudEvents.SPECVERSION), TYPE("type", CloudEvents.TYPE),
		SOURCE("source", CloudEvents.SOURCE), TIME("time", CloudEvents.TIME),
		DATACONTENTTYPE("datacontenttype", CloudEvents.CONTENT_TYPE);

		final String member;

		final String header;

		Name(String member, String header) {
			this.member = member;
			this.header = header;
		}

		/** Where a problem with it is reported: its member in the structured form. */
		String pointer() {
			return "/" + this.member;
		}

	}

	String get(Name name) {
		return this.values[name.ordinal()];
	}

	/** Binary mode: one pass over the headers, a string switch per {@code ce_} key. */
	static CloudEventAttributes fromHeaders(List<Delivery.Header> headers) {
		String[] values = new String[Name.values().length];
		List<Violation> problems = new ArrayList<>(0);
		for (Delivery.Header header : headers) {
			Name name = switch (header.key()) {
				case CloudEvents.ID -> Name.ID;
				case CloudEvents.SPECVERSION -> Name.SPECVERSION;
				case CloudEvents.TYPE -> Name.TYPE;
				case CloudEvents.SOURCE -> Name.SOURCE;
				case CloudEvents.TIME -> Name.TIME;
				default -> header.key().equalsIgnoreCase(CloudEvents.CONTENT_TYPE) ? Name.DATACONTENTTYPE : null;
			};
			if (name != null) {
				String value = text(header.value());
				if (value == null) {
					problems.add(new Violation(name.pointer(), "header " + name.header + " must be UTF-8 text"));
				}
				else if (values[name.ordinal()] != null && !values[name.ordinal()].equals(value)) {
					problems.add(
							new Violation(name.pointer(), "header " + name.header + " is sent twice, with two values"));
				}
				values[name.ordinal()] = value;
			}
		}
		// An id that is not one clear value is no id: the record is unreadable.
		if (problems.stream().anyMatch(problem -> problem.pointer().equals(Name.ID.pointer()))) {
			values[Name.ID.ordinal()] = null;
		}
		return new CloudEventAttributes(values, problems);
	}

	/** Structured mode: the attributes are the value's top-level string members. */
	static CloudEventAttributes fromStructured(ObjectNode event) {
		String[] values = new String[Name.values().length];
		List<Violation> problems = new ArrayList<>(0);
		for (Name name : Name.values()) {
			JsonNode node = event.get(name.member);
			if (node == null || node.isNull()) {
				continue;
			}
			if (node.isString()) {
				values[name.ordinal()] = node.stringValue();
			}
			else {
				problems.add(new Violation(name.pointer(), "must be a string"));
			}
		}
		return new CloudEventAttributes(values, problems);
	}

	/** Strict UTF-8 only: a malformed header is never decoded with replacements. */
	private static String text(byte[] value) {
		if (value == null) {
			return "";
		}
		return (Utf8.firstInvalidByte(value) < 0) ? new String(value, StandardCharsets.UTF_8) : null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CloudEventAttributes that && Arrays.equals(this.values, that.values)
				&& this.problems.equals(that.problems);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.values) * 31 + this.problems.hashCode();
	}

	/** Never the values: they are event content, which stays out of logs. */
	@Override
	public String toString() {
		return "CloudEventAttributes[" + this.problems.size() + " problems]";
	}

}
