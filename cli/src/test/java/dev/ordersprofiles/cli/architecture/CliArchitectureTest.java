package dev.ordersprofiles.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The developer tool's boundaries. It is the one product module besides adapters-aws' tests where the AWS SDK is
 * allowed (handlers' ArchitectureTest keeps it out of the functions): a command-line tool pays the SDK's start-up
 * once per run and gains its full service coverage (CloudFormation, DynamoDB exports).
 */
@AnalyzeClasses(packages = "dev.ordersprofiles", importOptions = DoNotIncludeTests.class)
class CliArchitectureTest {

    static final ArchRule CLI_KNOWS_NO_APPLICATION_CODE = noClasses()
            .that().resideInAPackage("dev.ordersprofiles.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ordersprofiles.domain..",
                    "dev.ordersprofiles.application..", "dev.ordersprofiles.adapters..", "dev.ordersprofiles.handlers..",
                    "dev.ordersprofiles.local..")
            .because("the tool works on the stack's tables and template outputs, as an operator would, not on our "
                    + "classes: a change of the domain must not change what an export contains");

    static final ArchRule AWS_SDK_ONLY_IN_EXPORT = noClasses()
            .that().resideInAPackage("dev.ordersprofiles.cli..")
            .and().resideOutsideOfPackages("dev.ordersprofiles.cli.export..")
            .and().doNotHaveSimpleName("ExportCommand")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("query reads local files only; AWS calls stay in the export code");

    static final ArchRule DUCKDB_ONLY_IN_QUERY = noClasses()
            .that().resideOutsideOfPackage("dev.ordersprofiles.cli.query..")
            .should().dependOnClassesThat().resideInAPackage("org.duckdb..")
            .because("DuckDB stands in for Athena in one place");

    static final ArchRule COMMANDS_ARE_PACKAGE_PRIVATE = classes()
            .that().resideInAPackage("dev.ordersprofiles.cli").and().haveSimpleNameEndingWith("Command")
            .should().notBePublic()
            .because("Main is the tool's one entry point");

    @ArchTest
    void cli_knows_no_application_code(JavaClasses classes) {
        CLI_KNOWS_NO_APPLICATION_CODE.check(classes);
    }

    @ArchTest
    void aws_sdk_only_in_export(JavaClasses classes) {
        AWS_SDK_ONLY_IN_EXPORT.check(classes);
    }

    @ArchTest
    void duckdb_only_in_query(JavaClasses classes) {
        DUCKDB_ONLY_IN_QUERY.check(classes);
    }

    @ArchTest
    void commands_are_package_private(JavaClasses classes) {
        COMMANDS_ARE_PACKAGE_PRIVATE.check(classes);
    }
}
