package dev.signet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The package graph of docs/architecture.md, checked on the compiled classes: from the
 * web-facing features down to {@code cloudinary}, no package imports one above it, no two
 * packages import each other, and {@code cloudinary} holds Cloudinary's rules in plain
 * Java.
 *
 * @author Signet developers
 */
class ArchitectureTests {

	/**
	 * The layers, top first. A package may import the packages of the layers below its
	 * own, never one above; the features of one layer may use each other only without a
	 * cycle.
	 */
	static final List<List<String>> LAYERS = List.of(List.of("dev.signet"), List.of("dev.signet.cli"),
			List.of("dev.signet.signing", "dev.signet.delivery", "dev.signet.notification", "dev.signet.verification",
					"dev.signet.diagnostics", "dev.signet.deploy", "dev.signet.uploads", "dev.signet.operator"),
			List.of("dev.signet.assets"), List.of("dev.signet.security"), List.of("dev.signet.access"),
			List.of("dev.signet.ratelimit"), List.of("dev.signet.redis"), List.of("dev.signet.accounts"),
			List.of("dev.signet.server"), List.of("dev.signet.web"), List.of("dev.signet.tracing"),
			List.of("dev.signet.codec"), List.of("dev.signet.settings"), List.of("dev.signet.refusal"),
			List.of("dev.signet.cloudinary"));

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.signet");

	@Test
	void noPackageImportsOneAboveIt() {
		for (int i = 1; i < LAYERS.size(); i++) {
			List<String> above = new ArrayList<>();
			LAYERS.subList(0, i).forEach(above::addAll);
			ArchRuleDefinition.noClasses()
				.that()
				.resideInAnyPackage(LAYERS.get(i).toArray(String[]::new))
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(above.toArray(String[]::new))
				.because("arrows point down, from the features to cloudinary (docs/architecture.md)")
				.check(MAIN);
		}
	}

	@Test
	void everyPackageIsInALayer() {
		List<String> known = new ArrayList<>();
		LAYERS.forEach(known::addAll);
		ArchRuleDefinition.classes()
			.should()
			.resideInAnyPackage(known.toArray(String[]::new))
			.because("a new package needs its place in docs/architecture.md and in LAYERS")
			.check(MAIN);
	}

	@Test
	void packagesHaveNoCycles() {
		SlicesRuleDefinition.slices().matching("dev.signet.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void cloudinaryImportsNothingFromSpringOrTheRestOfSignet() {
		ArchRuleDefinition.classes()
			.that()
			.resideInAPackage("dev.signet.cloudinary")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(Arrays.asList("java..", "javax.crypto..", "org.jspecify..", "dev.signet.cloudinary")
				.toArray(String[]::new))
			.check(MAIN);
	}

	@Test
	void domainPackagesUseNoWebTypes() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAnyPackage("dev.signet.access", "dev.signet.refusal", "dev.signet.cloudinary")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.http..",
					"org.springframework.security..")
			.check(MAIN);
	}

}
