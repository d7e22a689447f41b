package org.guardianportal.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven by Debian's chromedriver: nothing is downloaded (Selenium Manager never runs),
 * and everything Chromium writes stays under {@code target/}. A failing test leaves a screenshot and the page's HTML
 * in {@code target/browser-failures/}.
 */
final class Browser implements AutoCloseable, AfterTestExecutionCallback {

    static final Path TARGET = Path.of(System.getProperty("guardianportal.build-dir", "target"));
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration STALLED = Duration.ofSeconds(20);

    private ChromeDriver driver;

    void start() throws IOException {
        Path home = Files.createDirectories(TARGET.resolve("chromium"));
        Path tmp = Files.createDirectories(home.resolve("tmp"));
        Path cache = Files.createDirectories(home.resolve("cache"));
        Path profile = Files.createTempDirectory(Files.createDirectories(home.resolve("profiles")), "profile-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", tmp.toString(), "XDG_CACHE_HOME", cache.toString(),
                        "XDG_CONFIG_HOME", home.resolve("config").toString()))
                .withLogFile(home.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--lang=fr-FR", "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        // chromedriver was seen waiting forever for a "pending navigation" after a plain click: never wait for page
        // loads, every step waits for what it needs to see instead
        options.setPageLoadStrategy(PageLoadStrategy.NONE);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return until(visible(css), "a visible " + css);
    }

    private static ExpectedCondition<WebElement> visible(String css) {
        return d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        };
    }

    /**
     * The element of the page a click has just opened, loading that page once more if it is not shown within
     * {@link #STALLED}, as a person would. Chromium here was seen (once in many runs) to leave a resource of the page
     * pending after a navigation, the page never rendered while its document was there; those it loaded are printed,
     * so that a stall that is the server's shows. A page that never shows its element still fails the test.
     */
    WebElement findAfterNavigation(String css) {
        try {
            return new WebDriverWait(driver, STALLED).ignoring(StaleElementReferenceException.class)
                    .until(visible(css));
        } catch (TimeoutException stalled) {
            System.err.println("The page stalled, loading it again. " + driver.executeScript(
                    "return 'Document ' + document.readyState + ', resources loaded: '"
                            + " + performance.getEntriesByType('resource').map(r => r.name).join(', ')"));
            driver.navigate().refresh();
            return find(css);
        }
    }

    WebElement button(String text) {
        return until(d -> d.findElements(By.xpath("//button[normalize-space()=" + literal(text) + "]")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null), "a button '" + text + "'");
    }

    WebElement link(String text) {
        return until(d -> d.findElements(By.linkText(text)).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null), "a link '" + text + "'");
    }

    /** The element once its text contains {@code text}. */
    WebElement text(String css, String text) {
        return until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(element -> element.getText().contains(text)).findFirst().orElse(null),
                css + " containing '" + text + "'");
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    <T> T until(ExpectedCondition<T> condition, String what) {
        return new WebDriverWait(driver, PATIENCE).withMessage("waiting for " + what)
                .ignoring(StaleElementReferenceException.class) // the page was replaced while being read
                .until(condition);
    }

    /** A picture of the screen as a person sees it, for the README. */
    void screenshot(String name) {
        save(TARGET.resolve("screenshots"), name, false);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && driver != null) {
            save(TARGET.resolve("browser-failures"), context.getRequiredTestMethod().getName(), true);
        }
    }

    private void save(Path dir, String name, boolean withHtml) {
        try {
            Files.createDirectories(dir);
            File png = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            if (withHtml) {
                Files.writeString(dir.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
