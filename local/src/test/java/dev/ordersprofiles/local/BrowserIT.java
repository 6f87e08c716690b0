package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new user in a real browser (headless Chromium, driven by Selenium through Debian's chromedriver): opens the
 * Try-it page, signs up on the local Hosted UI and confirms with the code it shows, signs out, signs in again (the
 * authorization code flow with PKCE, run by the page's own script), saves a profile, places an order and sees it
 * CONFIRMED, then opens the console's executions, logs, metrics and table views. Screenshots of each step go to {@code target/screenshots} ({@code -Dscreenshots.dir=../docs/screenshots}
 * refreshes the README's). Without Chromium and chromedriver on the machine the test is skipped, saying so.
 */
class BrowserIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static final String PASSWORD = "Browser-Test-42";

    private static LocalStack stack;
    private static WebDriver browser;
    private static String base;
    /** Why the browser test cannot run here (Chromium or chromedriver missing), or null. */
    private static String skipped;

    @BeforeAll
    static void start() throws Exception {
        Optional<String> missing = !Files.isExecutable(CHROMIUM) ? Optional.of(CHROMIUM.toString())
                : !Files.isExecutable(CHROMEDRIVER) ? Optional.of(CHROMEDRIVER.toString()) : Optional.empty();
        if (missing.isPresent()) {
            String why = "skipped: " + missing.get() + " is missing (install Debian's chromium and chromium-driver;"
                    + " .ci/run does)";
            System.err.println("[BrowserIT] " + why);
            skipped = why; // the test reports itself skipped with this reason (counted as skipped, not passed)
            return;
        }
        CapturedStdout.install();
        int port = freePort();
        base = "http://localhost:" + port;
        // The app client's callback URL is the Try-it page on this port (the template's default names port 3000).
        stack = LocalStack.start(LocalOptions.defaults().withPort(port)
                .withDataDir(Files.createTempDirectory("browser-it"))
                .withTemplate(Path.of("..", "sam", "template.yaml"))
                .withParameter("CallbackUrl", base + "/docs/try.html")
                .withParameter("LogoutUrl", base + "/docs/try.html"));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1200,1000", "--no-first-run", "--disable-extensions");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_new_user_signs_up_signs_in_with_pkce_places_an_order_and_sees_it_confirmed() throws Exception {
        Assumptions.assumeTrue(skipped == null, skipped);
        browser.get(base + "/docs/try.html");
        click("signIn");

        // The Hosted UI's sign-in page, then sign-up.
        waitFor("signInForm");
        assertThat(browser.getCurrentUrl()).startsWith(base + "/login?").contains("code_challenge_method=S256");
        screenshot("hosted-ui-sign-in");
        click("signUpLink");
        waitFor("signUpForm");
        type("signUpFormUsername", "browser@example.com");
        type("signUpFormPassword", PASSWORD);
        screenshot("hosted-ui-sign-up");
        click("signUpButton");

        // The confirmation step: the local stack shows the code it would have mailed.
        waitFor("confirmForm");
        String code = browser.findElement(By.id("localConfirmationCode")).getText();
        assertThat(code).matches("\\d{6}");
        type("verification_code", code);
        screenshot("hosted-ui-confirm");
        click("confirmButton");

        // Back on the Try-it page, signed in (the page exchanged the code with its PKCE verifier).
        waitForText("signedInAs", "browser@example.com");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/docs/try.html");

        // Sign out, then sign in again with the password: a second code flow with PKCE.
        click("signOut");
        waitVisible("signIn");
        click("signIn");
        waitFor("signInForm");
        type("signInFormUsername", "browser@example.com");
        type("signInFormPassword", PASSWORD);
        click("signInSubmitButton");
        waitForText("signedInAs", "browser@example.com");

        click("saveProfile");
        waitForText("profileState", "created");

        type("amount", "42.50");
        click("placeOrder");
        WebElement status = new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions
                .visibilityOfElementLocated(By.cssSelector("#orders tr td.status")));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElement(
                status, "CONFIRMED"));
        assertThat(browser.findElement(By.cssSelector("#orders tr td.history")).getText())
                .isEqualTo("PENDING → VALIDATED → RESERVED → CHARGED → CONFIRMED");
        screenshot("try-it-order-confirmed");

        // The console: the run in the executions list and state by state, the logs, the metrics, the table.
        browser.get(base + "/_local/executions");
        WebElement run = waitFor("executions").findElement(By.cssSelector("tr.execution td a"));
        assertThat(browser.findElement(By.cssSelector("tr.execution td.status")).getText()).isEqualTo("SUCCEEDED");
        screenshot("console-executions");
        run.click();
        waitFor("durations");
        screenshot("console-execution");
        browser.get(base + "/_local/logs?function=orders-create");
        assertThat(waitFor("logs").findElements(By.cssSelector("tr.line"))).isNotEmpty();
        screenshot("console-logs");
        browser.get(base + "/_local/metrics");
        waitFor("metric-OrdersConfirmed");
        screenshot("console-metrics");
        browser.get(base + "/_local/tables/orders");
        assertThat(waitFor("items").findElements(By.cssSelector("tr.item"))).hasSize(1);
        screenshot("console-table");
    }

    private static void click(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(By.id(id)))
                .click();
    }

    private static void type(String id, String text) {
        WebElement field = waitFor(id);
        field.clear();
        field.sendKeys(text);
    }

    private static WebElement waitFor(String id) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no #" + id + " at " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(), e);
        }
    }

    private static void waitVisible(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private static void waitForText(String id, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id(id), text));
    }

    private static void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
