package gt.dondelocompro.bootstrap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

/**
 * The dependency rule of DESIGN.md, stated a second time (the Maven graph states it first) where every class
 * of the project is visible. Test classes are left out: contract suites and fixtures may reach further.
 */
@AnalyzeClasses(packages = "gt.dondelocompro",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** The test-jars (contract suites, test databases) on bootstrap's test classpath are test code too. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule domain_depends_only_on_the_jdk = classes()
            .that().resideInAPackage("gt.dondelocompro.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("gt.dondelocompro.domain..", "java..");

    @ArchTest
    static final ArchRule application_depends_only_on_domain_and_the_jdk = classes()
            .that().resideInAPackage("gt.dondelocompro.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("gt.dondelocompro.application..", "gt.dondelocompro.domain..", "java..");

    @ArchTest
    static final ArchRule the_rings = onionArchitecture()
            .domainModels("gt.dondelocompro.domain..")
            .domainServices("gt.dondelocompro.application.port..")
            .applicationServices("gt.dondelocompro.application.service..", "gt.dondelocompro.application.memory..",
                    "gt.dondelocompro.application")
            .adapter("http", "gt.dondelocompro.adapters.http..")
            .adapter("scraping", "gt.dondelocompro.adapters.scraping..")
            .adapter("notify", "gt.dondelocompro.adapters.notify..")
            .adapter("persistence", "gt.dondelocompro.adapters.persistence..", "gt.dondelocompro.db..")
            .adapter("redis", "gt.dondelocompro.adapters.redis..")
            .withOptionalLayers(true)
            // bootstrap is outside the rings on purpose: it is where the adapters are chosen and wired
            .ignoreDependency(resideInAPackage("gt.dondelocompro.bootstrap.."), DescribedPredicate.alwaysTrue());

    @ArchTest
    static final ArchRule adapters_do_not_use_application_services = noClasses()
            .that().resideInAPackage("gt.dondelocompro.adapters..")
            .should().dependOnClassesThat().resideInAnyPackage("gt.dondelocompro.application.service..", "gt.dondelocompro.application.memory..");

    /** Adapters get use cases and implement outbound ports; the assembled core (the facade) is bootstrap's to see. */
    @ArchTest
    static final ArchRule adapters_see_the_core_only_through_its_ports = noClasses()
            .that().resideInAPackage("gt.dondelocompro.adapters..")
            .should().dependOnClassesThat(resideInAPackage("gt.dondelocompro.application..")
                    .and(DescribedPredicate.not(resideInAPackage("gt.dondelocompro.application.port.."))));

    @ArchTest
    static final ArchRule nothing_depends_on_bootstrap = noClasses()
            .that().resideOutsideOfPackage("gt.dondelocompro.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("gt.dondelocompro.bootstrap..");

    @ArchTest
    static final ArchRule inbound_ports_do_not_know_outbound_ports = noClasses()
            .that().resideInAPackage("gt.dondelocompro.application.port.in..")
            .should().dependOnClassesThat().resideInAPackage("gt.dondelocompro.application.port.out..");

    @ArchTest
    static final ArchRule outbound_ports_do_not_know_inbound_ports = noClasses()
            .that().resideInAPackage("gt.dondelocompro.application.port.out..")
            .should().dependOnClassesThat().resideInAPackage("gt.dondelocompro.application.port.in..");

    @ArchTest
    static final ArchRule only_the_persistence_adapter_uses_the_generated_schema = noClasses()
            .that().resideOutsideOfPackages("gt.dondelocompro.adapters.persistence..", "gt.dondelocompro.db..")
            .should().dependOnClassesThat().resideInAPackage("gt.dondelocompro.db..");
}
