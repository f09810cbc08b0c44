package dev.orbweaver.crawl.api.alterlab;

import dev.orbweaver.crawl.export.ResultShape;
import dev.orbweaver.crawl.pages.StoredPage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Exports (storage s3/r2, output connectors) carry a page as AlterLab's results show it. */
@ApplicationScoped
public class AlterLabResultShape implements ResultShape {
  @Override
  public Map<String, Object> result(StoredPage page) {
    return AlterLabResource.result(page);
  }
}
