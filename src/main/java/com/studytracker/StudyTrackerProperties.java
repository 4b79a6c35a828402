package com.studytracker;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator may tune: Kafka topic names, the consumer group, and the limits
 * of the pipeline. Bound from {@code studytracker.*}; invalid values stop startup with a
 * message naming the property.
 */
@Validated
@ConfigurationProperties("studytracker")
public record StudyTrackerProperties(@Valid @NotNull Streams streams, @Valid @NotNull @DefaultValue Kafka kafka,
		@Valid @NotNull @DefaultValue Limits limits, @Valid @NotNull @DefaultValue Pending pending,
		@Valid @NotNull Rejections rejections, @Valid @NotNull CloudEvents cloudEvents, @Valid @NotNull Reads reads) {

	/**
	 * The topics of one event type: where it comes in, where outcomes and dead letters
	 * go.
	 */
	public record Stream(@NotBlank String input, @NotBlank String confirmations, @NotBlank String deadLetters) {
	}

	/** Topic names; defaults in {@code application.yml}. */
	public record Streams(@Valid @NotNull Stream topicCreated, @Valid @NotNull Stream sessionLogged) {
	}

	/**
	 * @param groupId consumer group shared by all instances
	 * @param partitions partitions of the topics this service declares (input,
	 * confirmations, DLT)
	 * @param replicationFactor replication factor of declared topics
	 * @param concurrency consumers per input topic in one instance
	 * @param sendTimeout how long a batch waits for the broker to acknowledge its
	 * confirmations
	 */
	public record Kafka(@NotBlank @DefaultValue("studytracker") String groupId,
			@Min(1) @DefaultValue("6") int partitions, @Min(1) @DefaultValue("1") short replicationFactor,
			@Min(1) @Max(64) @DefaultValue("2") int concurrency, @NotNull @DefaultValue("60s") Duration sendTimeout) {
	}

	/**
	 * Bounds for reading untrusted input: anything larger or deeper is dead-lettered
	 * unread.
	 */
	public record Limits(@Min(1024) @DefaultValue("1048576") int maxEventBytes,
			@Min(4) @DefaultValue("32") int maxNestingDepth, @Min(20) @DefaultValue("100") int maxNumberLength) {
	}

	/**
	 * Sessions whose topic is not known yet.
	 *
	 * @param gracePeriod how long a session waits for its topic, counted from when the
	 * service first saw it
	 * @param sweepInterval how often waiting sessions are re-examined
	 * @param sweepBatchSize how many waiting sessions one sweep handles at most
	 * @param sweepMaxBytes how many bytes of parked records one sweep holds at most (at
	 * least one record): bounds the resolver's memory whatever the records' sizes
	 * @param topicBacklogWait how long a batch of sessions waits, at most, while this
	 * instance's TopicCreated consumers are more than one poll behind, so that sessions
	 * whose topics are in that backlog are not parked (zero: never waits)
	 */
	public record Pending(@NotNull @DefaultValue("30s") Duration gracePeriod,
			@NotNull @DefaultValue("500ms") Duration sweepInterval, @Min(1) @DefaultValue("1000") int sweepBatchSize,
			@NotNull @DefaultValue("16MB") DataSize sweepMaxBytes,
			@NotNull @DefaultValue("1s") Duration topicBacklogWait) {
	}

	/**
	 * CloudEvents written by the service; defaults in {@code application.yml}.
	 *
	 * @param source the {@code source} attribute of every confirmation sent as a
	 * CloudEvent (a URI-reference naming this service)
	 */
	public record CloudEvents(@NotBlank String source) {
	}

	/**
	 * Stored rejections (what the status look-up answers for a rejected event); defaults
	 * in {@code application.yml}.
	 *
	 * @param retention how long a rejection is kept, from its first time; after that the
	 * look-up answers 404 and a re-send is rejected with a new {@code processedAt}
	 * @param purgeInterval how often rejections past their retention are deleted
	 * @param purgeBatchSize how many rows one purge statement deletes at most
	 */
	public record Rejections(@NotNull Duration retention, @NotNull Duration purgeInterval, @Min(1) int purgeBatchSize) {
	}

	/**
	 * The HTTP API's pages and share of the CPU; defaults in {@code application.yml}.
	 *
	 * @param defaultPageSize items in a page when the request has no {@code limit}
	 * @param maxPageSize the largest {@code limit} accepted: bounds the rows one request
	 * reads
	 * @param threadNice the Linux nice value of HTTP request threads (0 to 19; the Kafka
	 * listeners run at 0): above 0, requests get the CPU that ingestion leaves
	 * @param maxConcurrent HTTP API requests in progress at most
	 * @param maxWait how long a request beyond those waits before it is answered 503
	 */
	public record Reads(@Min(1) int defaultPageSize, @Min(1) @Max(10000) int maxPageSize,
			@Min(0) @Max(19) int threadNice, @Min(1) int maxConcurrent, @NotNull Duration maxWait) {
	}

}
