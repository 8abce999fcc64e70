package cn.lianmeng.content.arch;

import cn.lianmeng.platform.testing.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "cn.lianmeng.content", importOptions = ImportOption.DoNotIncludeTests.class)
class ContentArchitectureTest {

    @ArchTest
    static final ArchRule mongoOnlyThroughScopedAccess = ArchitectureRules.MONGO_ONLY_THROUGH_SCOPED_ACCESS;
}
