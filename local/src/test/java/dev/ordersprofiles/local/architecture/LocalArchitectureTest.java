package dev.ordersprofiles.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Boundaries inside the local stack (the handlers module's ArchUnit rules cover the product code). */
class LocalArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ordersprofiles.local");
    }

    @Test
    void only_the_lambda_emulation_touches_lambda_runtime_types() {
        noClasses().that().resideInAPackage("dev.ordersprofiles.local..")
                .and().resideOutsideOfPackage("dev.ordersprofiles.local.lambda..")
                .should().dependOnClassesThat().resideInAPackage("com.amazonaws.services.lambda..")
                .because("the local stack talks to functions at the JSON wire level; only its Lambda runtime "
                        + "emulation knows the Lambda Java types")
                .check(classes);
    }

    @Test
    void the_asl_interpreter_knows_nothing_about_orders() {
        noClasses().that().resideInAPackage("dev.ordersprofiles.local.asl..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersprofiles.domain..",
                        "dev.ordersprofiles.application..", "dev.ordersprofiles.handlers..",
                        "dev.ordersprofiles.adapters..", "com.amazonaws..", "software.amazon..")
                .because("the interpreter runs any state machine through a task invoker")
                .check(classes);
    }

    @Test
    void the_template_reader_is_self_contained() {
        classes().that().resideInAPackage("dev.ordersprofiles.local.template..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.ordersprofiles.local.template..",
                        "java..", "org.yaml.snakeyaml..")
                .because("the template is read the same way for every part of the stack")
                .check(classes);
    }

    /**
     * The platform learns the application from the template only: the functions run in processes of their own
     * (lambda/FunctionProcesses.java) and reach the stack's AWS APIs through AWS_ENDPOINT_URL.
     */
    @Test
    void the_platform_depends_on_no_module_of_the_application() {
        noClasses().that().resideInAPackage("dev.ordersprofiles.local..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersprofiles.domain..",
                        "dev.ordersprofiles.application..", "dev.ordersprofiles.adapters..",
                        "dev.ordersprofiles.handlers..")
                .because("local/ is a generic platform driven by the template (docs/architecture.md, section 8)")
                .check(classes);
    }

    @Test
    void the_store_and_its_streams_know_no_application_code() {
        noClasses().that().resideInAnyPackage("dev.ordersprofiles.local.store..", "dev.ordersprofiles.local.stream..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersprofiles.domain..",
                        "dev.ordersprofiles.application..", "dev.ordersprofiles.handlers..",
                        "dev.ordersprofiles.adapters..", "software.amazon..")
                .because("the data plane serves any template's tables from their definitions")
                .check(classes);
    }

    @Test
    void the_hosted_ui_knows_no_application_code() {
        noClasses().that().resideInAPackage("dev.ordersprofiles.local.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersprofiles.domain..",
                        "dev.ordersprofiles.application..", "dev.ordersprofiles.handlers..",
                        "dev.ordersprofiles.adapters..", "software.amazon..")
                .because("the user pool and its app clients come from the template, not from the application")
                .check(classes);
    }

    @Test
    void the_local_database_knows_no_application_code() {
        noClasses().that().resideInAPackage("dev.ordersprofiles.local.rds..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersprofiles.domain..",
                        "dev.ordersprofiles.application..", "dev.ordersprofiles.handlers..",
                        "dev.ordersprofiles.adapters..", "software.amazon..")
                .because("the database, its SQL and the functions it calls all come from the template")
                .check(classes);
    }
}
