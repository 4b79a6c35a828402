package com.studytracker.messaging;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/** UP when the broker answers and every ingestion listener is running. */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final Admin admin;

	private final KafkaListenerEndpointRegistry listeners;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners) {
		super("Kafka health check failed");
		this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		String clusterId = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
			.clusterId()
			.get(3, TimeUnit.SECONDS);
		builder.withDetail("clusterId", clusterId);
		boolean allRunning = true;
		for (MessageListenerContainer container : this.listeners.getListenerContainers()) {
			boolean running = container.isRunning();
			builder.withDetail("listener." + container.getListenerId(), running ? "running" : "stopped");
			allRunning &= running;
		}
		if (allRunning) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

}
