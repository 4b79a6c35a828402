package com.studytracker.ingest;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.StatelessSession;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inserts new entities in JDBC batches through a Hibernate {@link StatelessSession} bound to the
 * current transaction's connection. Rows are written at once and ids assigned, without the
 * persistence context's bookkeeping, which was the largest cost of a batch in the benchmark profile.
 */
@Component
public class BulkInserts {

	private final EntityManager entityManager;

	BulkInserts(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void insertAll(List<?> entities) {
		if (entities.isEmpty()) {
			return;
		}
		Session session = this.entityManager.unwrap(Session.class);
		session.doWork(connection -> {
			// The connection stays the transaction's: closing this session neither closes nor commits it.
			try (StatelessSession stateless = session.getSessionFactory()
				.withStatelessOptions()
				.connection(connection)
				.openStatelessSession()) {
				stateless.insertMultiple(entities);
			}
		});
	}

}
