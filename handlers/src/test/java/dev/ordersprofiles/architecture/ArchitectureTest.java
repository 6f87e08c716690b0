package dev.ordersprofiles.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries of docs/architecture.md §2, over every production class of the reactor (the handlers module
 * depends on all production modules, so all of them are on this test's classpath). A rule that matches no class
 * fails (ArchUnit's failOnEmptyShould stays on).
 *
 * <p>The rules are checked from {@code @ArchTest} methods rather than declared as {@code @ArchTest} fields:
 * Maven Surefire 3.5.3 silently skips field tests (TNG/ArchUnit#1442, apache/maven-surefire#839).
 */
@AnalyzeClasses(packages = "dev.ordersprofiles",
        importOptions = {DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** Test classes packaged in a test-jar (the application's shared fixtures): DoNotIncludeTests misses them. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    static final ArchRule DOMAIN_DEPENDS_ON_THE_JDK_ONLY = classes()
            .that().resideInAPackage("dev.ordersprofiles.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.ordersprofiles.domain..", "java..")
            .because("the domain is plain Java: no framework, no AWS, no JSON (docs/architecture.md §2)");

    static final ArchRule APPLICATION_DEPENDS_ON_THE_DOMAIN_ONLY = classes()
            .that().resideInAPackage("dev.ordersprofiles.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.ordersprofiles.application..", "dev.ordersprofiles.domain..", "java..")
            .because("use cases know nothing of HTTP, Lambda, the AWS SDK, Dagger or Jackson (docs/architecture.md §2)");

    static final ArchRule LAMBDA_TYPES_ONLY_IN_HANDLERS = noClasses()
            .that().resideOutsideOfPackages("dev.ordersprofiles.handlers..", "dev.ordersprofiles.local..")
            .should().dependOnClassesThat().resideInAPackage("com.amazonaws.services.lambda..")
            .because("handlers (and the local platform emulation) are the only code that touches Lambda types");

    static final ArchRule NO_AWS_SDK_IN_FUNCTIONS = noClasses()
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("the AWS SDK's client construction and per-call pipeline were most of a cold start; the "
                    + "functions speak to AWS through adapters.aws.client (docs/performance.md)");

    static final ArchRule NO_JACKSON_DATABIND_IN_FUNCTIONS = noClasses()
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
            .because("an ObjectMapper and its bean (de)serializers were about half of a cold start; the functions "
                    + "read and write JSON with jackson-core's streaming API (handlers.common.PlainJson)");

    static final ArchRule AWS_CLIENT_ONLY_IN_AWS_ADAPTERS_AND_WIRING = noClasses()
            .that().resideOutsideOfPackages("dev.ordersprofiles.adapters.aws..", "dev.ordersprofiles.handlers.wiring..")
            .should().dependOnClassesThat().resideInAPackage("dev.ordersprofiles.adapters.aws.client..")
            .because("AWS stays behind the ports, in adapters-aws; wiring may only call adapter factories");

    static final ArchRule ADAPTERS_DO_NOT_KNOW_EACH_OTHER = slices()
            .matching("dev.ordersprofiles.adapters.(*)..")
            .should().notDependOnEachOther()
            .because("each adapter set stands alone behind the same ports");

    static final ArchRule ADAPTERS_DO_NOT_KNOW_HANDLERS = noClasses()
            .that().resideInAPackage("dev.ordersprofiles.adapters..")
            .should().dependOnClassesThat().resideInAPackage("dev.ordersprofiles.handlers..")
            .because("dependencies point inward: handlers -> adapters -> application -> domain");

    static final ArchRule ENTRY_POINTS_SEE_USE_CASES_NOT_ADAPTERS_OR_PORTS = noClasses()
            .that().resideInAnyPackage("dev.ordersprofiles.handlers.http..", "dev.ordersprofiles.handlers.workflow..",
                    "dev.ordersprofiles.handlers.stream..", "dev.ordersprofiles.handlers.schedule..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.ordersprofiles.adapters..", "dev.ordersprofiles.application.port..")
            .because("entry points call use cases; only the wiring sees adapters and driven ports");

    static final ArchRule PORTS_ARE_INTERFACES = classes()
            .that().resideInAPackage("dev.ordersprofiles.application.port..")
            .should().beInterfaces()
            .because("driven ports are contracts the adapters implement");

    static final ArchRule LAMBDA_ENTRY_POINTS_ARE_HANDLERS = classes()
            .that().implement(RequestHandler.class)
            .should().resideInAPackage("dev.ordersprofiles.handlers..")
            .andShould().haveSimpleNameEndingWith("Handler")
            .because("the template names every function's handler class, and they all live in handlers");

    static final ArchRule DOMAIN_TYPES_ARE_IMMUTABLE = classes()
            .that().resideInAPackage("dev.ordersprofiles.domain..")
            .should().haveOnlyFinalFields()
            .because("domain types have no setters: every business verb returns a new value");

    static final ArchRule TOP_LEVEL_MODULES_ARE_FREE_OF_CYCLES = slices()
            .matching("dev.ordersprofiles.(*)..")
            .should().beFreeOfCycles()
            .because("the module graph is a DAG; a cycle means a dependency points outward");

    static final ArchRule HANDLER_PACKAGES_ARE_FREE_OF_CYCLES = slices()
            .matching("dev.ordersprofiles.handlers.(*)..")
            .should().beFreeOfCycles()
            .because("wiring and common support the entry points, never the other way round");

    @ArchTest
    static void domain_depends_on_the_jdk_only(JavaClasses classes) {
        DOMAIN_DEPENDS_ON_THE_JDK_ONLY.check(classes);
    }

    @ArchTest
    static void application_depends_on_the_domain_only(JavaClasses classes) {
        APPLICATION_DEPENDS_ON_THE_DOMAIN_ONLY.check(classes);
    }

    @ArchTest
    static void lambda_types_only_in_handlers(JavaClasses classes) {
        LAMBDA_TYPES_ONLY_IN_HANDLERS.check(classes);
    }

    @ArchTest
    static void no_aws_sdk_in_the_functions(JavaClasses classes) {
        NO_AWS_SDK_IN_FUNCTIONS.check(classes);
    }

    @ArchTest
    static void no_jackson_databind_in_the_functions(JavaClasses classes) {
        NO_JACKSON_DATABIND_IN_FUNCTIONS.check(classes);
    }

    @ArchTest
    static void aws_client_only_in_aws_adapters_and_wiring(JavaClasses classes) {
        AWS_CLIENT_ONLY_IN_AWS_ADAPTERS_AND_WIRING.check(classes);
    }

    @ArchTest
    static void adapters_do_not_know_each_other(JavaClasses classes) {
        ADAPTERS_DO_NOT_KNOW_EACH_OTHER.check(classes);
    }

    @ArchTest
    static void adapters_do_not_know_handlers(JavaClasses classes) {
        ADAPTERS_DO_NOT_KNOW_HANDLERS.check(classes);
    }

    @ArchTest
    static void entry_points_see_use_cases_not_adapters_or_ports(JavaClasses classes) {
        ENTRY_POINTS_SEE_USE_CASES_NOT_ADAPTERS_OR_PORTS.check(classes);
    }

    @ArchTest
    static void ports_are_interfaces(JavaClasses classes) {
        PORTS_ARE_INTERFACES.check(classes);
    }

    @ArchTest
    static void lambda_entry_points_are_handlers(JavaClasses classes) {
        LAMBDA_ENTRY_POINTS_ARE_HANDLERS.check(classes);
    }

    @ArchTest
    static void domain_types_are_immutable(JavaClasses classes) {
        DOMAIN_TYPES_ARE_IMMUTABLE.check(classes);
    }

    @ArchTest
    static void top_level_modules_are_free_of_cycles(JavaClasses classes) {
        TOP_LEVEL_MODULES_ARE_FREE_OF_CYCLES.check(classes);
    }

    @ArchTest
    static void handler_packages_are_free_of_cycles(JavaClasses classes) {
        HANDLER_PACKAGES_ARE_FREE_OF_CYCLES.check(classes);
    }
}
