package cn.lianmeng.org.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import cn.lianmeng.org.Api;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.test.context.DynamicPropertySource;

/** The org-service integration tests keep sharing one Spring context (see OrgTestProperties). */
@AnalyzeClasses(packages = "cn.lianmeng.org", importOptions = ImportOption.OnlyIncludeTests.class)
class OrgTestContextTest {

    @ArchTest
    static final ArchRule sharedPropertiesComeFromTheInitializer = noMethods().that().areAnnotatedWith(DynamicPropertySource.class)
            .should(new ArchCondition<JavaMethod>("call Api.register") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    method.getMethodCallsFromSelf().stream()
                            .filter(call -> call.getTargetOwner().isEquivalentTo(Api.class) && call.getName().equals("register"))
                            .forEach(call -> events.add(SimpleConditionEvent.satisfied(method, call.getDescription())));
                }
            })
            .because("@OrgIntegrationTest already contributes them through OrgTestProperties; a @DynamicPropertySource per "
                    + "class makes a Spring context (and an embedded broker) per class, all alive in one test JVM");
}
