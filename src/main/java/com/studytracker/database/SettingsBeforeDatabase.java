package com.studytracker.database;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Makes every {@link DataSource} depend on the {@code studytracker.*} settings beans, so
 * that an invalid setting is bound, validated and reported before the database is first
 * touched (a missing or unreachable database would otherwise hide it).
 */
class SettingsBeforeDatabase implements BeanFactoryPostProcessor {

	private static final String PREFIX = "studytracker";

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		List<String> settings = Arrays.stream(beanFactory.getBeanDefinitionNames())
			.filter((name) -> isStudyTrackerSettings(beanFactory, name))
			.toList();
		if (settings.isEmpty()) {
			return;
		}
		for (String dataSource : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
			BeanDefinition definition = beanFactory.getBeanDefinition(dataSource);
			String[] dependsOn = definition.getDependsOn();
			definition.setDependsOn(
					Stream.concat((dependsOn != null) ? Arrays.stream(dependsOn) : Stream.empty(), settings.stream())
						.distinct()
						.toArray(String[]::new));
		}
	}

	private static boolean isStudyTrackerSettings(ConfigurableListableBeanFactory beanFactory, String name) {
		Class<?> type = beanFactory.getType(name, false);
		if (type == null) {
			return false;
		}
		ConfigurationProperties properties = AnnotatedElementUtils.findMergedAnnotation(type,
				ConfigurationProperties.class);
		return properties != null
				&& (properties.prefix().equals(PREFIX) || properties.prefix().startsWith(PREFIX + "."));
	}

}
