package cn.lianmeng.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules every service checks against its own classes. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Only the platform's scoped data access touches the MongoDB driver's client API (collections, databases, clients). */
    public static final ArchRule MONGO_ONLY_THROUGH_SCOPED_ACCESS = noClasses()
            .that().resideOutsideOfPackages("cn.lianmeng.platform.data..", "cn.lianmeng.platform.config..")
            .should().dependOnClassesThat().resideInAPackage("com.mongodb.reactivestreams.client..")
            .orShould().dependOnClassesThat().resideInAPackage("com.mongodb.client")
            .because("every query must go through ScopedCollection, which adds the caller's tenancy scope");
}
