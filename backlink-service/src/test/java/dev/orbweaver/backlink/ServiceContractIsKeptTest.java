package dev.orbweaver.backlink;

import dev.orbweaver.testing.ServiceContractTest;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class ServiceContractIsKeptTest extends ServiceContractTest {}
