package io.jobdeck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/** The layout tells the architecture: services know nothing of Vaadin, and features do not depend in circles. */
@AnalyzeClasses(packages = "io.jobdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule services_never_import_vaadin = noClasses()
            .that()
            .resideOutsideOfPackages("..ui..")
            .and()
            .doNotHaveSimpleName("Application")
            // Where Spring Security meets Vaadin's login view: web wiring, not a service.
            .and()
            .doNotHaveFullyQualifiedName("io.jobdeck.security.internal.SecurityConfig")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.vaadin..");

    @ArchTest
    static final ArchRule feature_roots_never_import_ui = noClasses()
            .that()
            .resideOutsideOfPackages("..ui..")
            .and()
            .doNotHaveSimpleName("Application")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.jobdeck..ui..");

    /** Services of different features never depend on each other in a circle (views may use any feature). */
    @ArchTest
    static final ArchRule feature_slices_have_no_cycles = slices().matching("io.jobdeck.(*)..")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(
                    JavaClass.Predicates.resideInAPackage("io.jobdeck..ui.."), DescribedPredicate.alwaysTrue());

    /** Views talk to services; Quartz is the scheduler's and the jobs feature's business. */
    @ArchTest
    static final ArchRule views_never_import_quartz = noClasses()
            .that()
            .resideInAPackage("io.jobdeck..ui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.quartz..");

    /** Spring Modulith checks module boundaries too; this states the convention plainly for every module. */
    @ArchTest
    static final ArchRule internals_stay_inside_their_module = CompositeArchRule.of(internalsOf("scheduler"))
            .and(internalsOf("jobs"))
            .and(internalsOf("audit"))
            .and(internalsOf("security"))
            .and(internalsOf("support"))
            .and(internalsOf("api"));

    static ArchRule internalsOf(String module) {
        return noClasses()
                .that()
                .resideOutsideOfPackage("io.jobdeck." + module + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.jobdeck." + module + ".internal..")
                .as("nothing outside " + module + " uses " + module + ".internal");
    }
}
