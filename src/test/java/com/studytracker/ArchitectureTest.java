package com.studytracker;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.data.repository.Repository;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What the README's layout promises, enforced: Kafka only in {@code messaging} (and the
 * {@code redrive} tool), no JPA in {@code contract}, entities and repositories
 * package-private, no cycles between modules. Also writes the module diagram.
 */
class ArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.studytracker");

	private static final ApplicationModules MODULES = ApplicationModules.of(StudyTrackerApplication.class);

	@Test
	void kafkaTypesAreUsedOnlyInMessagingAndTheRedriveTool() {
		noClasses().that()
			.resideOutsideOfPackages("com.studytracker.messaging..", "com.studytracker.redrive..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
			.check(MAIN);
	}

	@Test
	void theContractKnowsNeitherJpaNorKafka() {
		noClasses().that()
			.resideInAPackage("com.studytracker.contract..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.persistence..", "org.springframework.data..", "org.hibernate..",
					"org.apache.kafka..", "org.springframework.kafka..")
			.check(MAIN);
	}

	@Test
	void entitiesAndRepositoriesArePackagePrivate() {
		classes().that().areAnnotatedWith(Entity.class).should().notBePublic().check(MAIN);
		classes().that().areAssignableTo(Repository.class).should().notBePublic().check(MAIN);
	}

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
		MODULES.verify();
	}

	/**
	 * Into target/ on every run (the generator's line order is not stable);
	 * {@code -Dstudytracker.docs.modules=docs/modules} refreshes the committed diagram.
	 */
	@Test
	void writesTheModuleDiagram() {
		String folder = System.getProperty("studytracker.docs.modules", "target/modules");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder)).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

}
