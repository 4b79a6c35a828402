package com.studytracker.contract;

/**
 * The CloudEvents 1.0 names this service speaks (JSON event format and Kafka protocol
 * binding): shared by the reading of inputs here and the writing of confirmations in the
 * messaging package.
 */
public final class CloudEvents {

	public static final String SPEC_VERSION = "1.0";

	/** The {@code type} of every confirmation. */
	public static final String CONFIRMATION_TYPE = "studytracker.confirmation.v1";

	/** Binary mode: every attribute is a header named {@code ce_<attribute>}. */
	public static final String HEADER_PREFIX = "ce_";

	public static final String ID = "ce_id";

	public static final String SOURCE = "ce_source";

	public static final String SPECVERSION = "ce_specversion";

	public static final String TYPE = "ce_type";

	public static final String TIME = "ce_time";

	public static final String SUBJECT = "ce_subject";

	/**
	 * Kafka header carrying {@code datacontenttype} (binary) or the format (structured).
	 */
	public static final String CONTENT_TYPE = "content-type";

	public static final String JSON = "application/json";

	public static final String STRUCTURED_JSON = "application/cloudevents+json";

	static final String STRUCTURED_PREFIX = "application/cloudevents";

	private CloudEvents() {
	}

	/** The CloudEvents {@code type} of an input event type. */
	public static String typeOf(EventType type) {
		return (type == EventType.TOPIC_CREATED) ? "studytracker.topic-created.v1" : "studytracker.session-logged.v1";
	}

	/** The last {@code content-type} header as text, or null. */
	static String contentType(java.util.List<Delivery.Header> headers) {
		String contentType = null;
		for (Delivery.Header header : headers) {
			if (header.key().equalsIgnoreCase(CONTENT_TYPE) && header.value() != null) {
				contentType = new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
			}
		}
		return contentType;
	}

	/** Whether a media type (parameters allowed) is the CloudEvents JSON format. */
	static boolean isStructuredJson(String mediaType) {
		return mediaType(mediaType).equalsIgnoreCase(STRUCTURED_JSON);
	}

	private static String mediaType(String contentType) {
		int semicolon = contentType.indexOf(';');
		return ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim();
	}

	/**
	 * Whether a media type (parameters allowed) says JSON: {@code application/json} or a
	 * {@code +json} suffix, in any case.
	 */
	static boolean isJson(String mediaType) {
		String type = mediaType(mediaType);
		return type.equalsIgnoreCase(JSON) || (type.regionMatches(true, 0, "application/", 0, 12)
				&& type.regionMatches(true, type.length() - 5, "+json", 0, 5));
	}

}
