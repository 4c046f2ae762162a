import { graphql } from '../gql/index.js';

/**
 * A report's content as it may leave the organisation (counts already suppressed), for every
 * screen that shows a report: the influencer's builder and preview, the partner's and the
 * commissioner's report pages.
 */
graphql(`
  fragment ReportContentFields on ReportContentView {
    frozen
    threshold
    from
    to
    previousFrom
    previousTo
    whatMightHelp
    themes {
      themeId
      name
      trend
      count {
        value
        suppressed
      }
      previousCount {
        value
        suppressed
      }
    }
    impacts {
      key
      label
      count {
        value
        suppressed
      }
    }
    brightSpots {
      key
      label
      count {
        value
        suppressed
      }
    }
    brightSpotsTotal {
      value
      suppressed
    }
    quotes {
      observationId
      text
      removed
    }
  }
`);
