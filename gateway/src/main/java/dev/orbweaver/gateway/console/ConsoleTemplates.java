package dev.orbweaver.gateway.console;

import dev.orbweaver.gateway.console.admin.AdminView;
import dev.orbweaver.gateway.console.backlinks.GapView;
import dev.orbweaver.gateway.console.backlinks.LookupView;
import dev.orbweaver.gateway.console.backlinks.ReleaseView;
import dev.orbweaver.gateway.console.crawls.CrawlList;
import dev.orbweaver.gateway.console.crawls.CrawlView;
import dev.orbweaver.gateway.console.crawls.PageRow;
import dev.orbweaver.gateway.console.keys.KeysView;
import dev.orbweaver.gateway.console.usage.UsageView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The console's pages and the fragments htmx swaps in, under templates/console/; checked at build
 * time against these parameters. Every page includes console/layout.
 */
@CheckedTemplate(basePath = "console")
public final class ConsoleTemplates {
  private ConsoleTemplates() {}

  public static native TemplateInstance signIn(Page page, String keyError, String operatorError);

  public static native TemplateInstance problem(Page page, int status, String message);

  public static native TemplateInstance keys(Page page, KeysView view);

  public static native TemplateInstance keysList(Page page, KeysView view);

  public static native TemplateInstance usage(Page page, UsageView usage, String error);

  public static native TemplateInstance crawls(Page page, CrawlList list, String error);

  public static native TemplateInstance crawl(Page page, CrawlView crawl, List<PageRow> pages);

  public static native TemplateInstance preview(
      Page page, PageRow row, String markdown, RawString html);

  public static native TemplateInstance backlinks(
      Page page, List<ReleaseView> releases, String error);

  public static native TemplateInstance lookup(Page page, LookupView lookup, String error);

  public static native TemplateInstance gap(Page page, GapView gap, String error);

  public static native TemplateInstance admin(Page page, AdminView view);

  public static native TemplateInstance adminAccounts(Page page, AdminView view);
}
