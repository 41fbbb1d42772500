/// The live dashboard of a portal (`/operator/{portal}/cruscotto`): sections, each a bar chart
/// drawn as SVG on the server and the table that is its real content (the chart is an image of it).
public struct OperatorDashboardView: Sendable, Hashable {
    /// One horizontal bar.
    public struct Bar: Sendable, Hashable {
        public var label: String
        /// The bar's length relative to the others.
        public var value: Int
        /// What the bar's end shows (`12`, `1.500,00 €`).
        public var valueText: String

        public init(label: String, value: Int, valueText: String) {
            self.label = label
            self.value = value
            self.valueText = valueText
        }
    }

    /// A table: a caption, column headings, rows whose first cell heads the row.
    public struct Table: Sendable, Hashable {
        public var caption: String
        public var headers: [String]
        public var rows: [[String]]

        public init(caption: String, headers: [String], rows: [[String]]) {
            self.caption = caption
            self.headers = headers
            self.rows = rows
        }
    }

    /// A heading, its chart (title and one-sentence description for assistive technology) and table.
    public struct Section: Sendable, Hashable {
        /// Unique in the page, `a-z` and `-`: the ids of the chart's title and description.
        public var id: String
        public var heading: String
        public var chartTitle: String
        public var chartDescription: String
        public var bars: [Bar]
        public var table: Table
        /// A link after the table to the page with the details, if there is one.
        public var more: OperatorLinkView?

        public init(
            id: String, heading: String, chartTitle: String, chartDescription: String, bars: [Bar], table: Table,
            more: OperatorLinkView? = nil
        ) {
            self.id = id
            self.heading = heading
            self.chartTitle = chartTitle
            self.chartDescription = chartDescription
            self.bars = bars
            self.table = table
            self.more = more
        }

        /// The one-sentence description of a chart that shows only its bars: `label: value` of each bar,
        /// `; `-separated, ending with a full stop (`In attesa: 3; Accolta: 1.`); `none` when there is no bar.
        public static func describing(_ bars: [Bar], none: String) -> String {
            bars.isEmpty ? none : bars.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ") + "."
        }
    }

    /// `al 01/06/2026 alle 12:00`: when the figures were read.
    public var asOf: String
    public var sections: [Section]

    public init(asOf: String, sections: [Section]) {
        self.asOf = asOf
        self.sections = sections
    }
}

extension PortalRenderer {
    /// Chart geometry, in SVG user units: labels on the left, bars after them, values after the bars.
    private enum Chart {
        static let width = 640
        static let labelWidth = 230
        static let barSpace = 330
        static let rowHeight = 26
        static let barHeight = 18
    }

    /// The dashboard (``OperatorDashboardView``), in the portal's look; every text escaped by the
    /// template, the SVG included.
    public func renderOperatorDashboard(_ view: OperatorDashboardView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Cruscotto", description: nil, links: daemonLinks, layout: "operator", breadcrumb: [], section: "")
        let sections: [[String: Any]] = view.sections.map { section in
            let largest = max(1, section.bars.map(\.value).max() ?? 1)
            let bars: [[String: Any]] = section.bars.enumerated().map { index, bar in
                let length = bar.value <= 0 ? 0 : max(1, bar.value * Chart.barSpace / largest)
                let top = 4 + index * Chart.rowHeight
                return [
                    "label": bar.label, "valueText": bar.valueText, "y": top, "textY": top + 14,
                    "x": Chart.labelWidth, "width": length, "valueX": Chart.labelWidth + length + 6,
                    "height": Chart.barHeight,
                ]
            }
            return [
                "id": section.id, "heading": section.heading, "chartTitle": section.chartTitle,
                "chartDescription": section.chartDescription, "bars": bars, "hasBars": !bars.isEmpty,
                "width": Chart.width, "height": 8 + section.bars.count * Chart.rowHeight,
                "labelEnd": Chart.labelWidth - 8,
                "caption": section.table.caption, "headers": section.table.headers,
                "rows": section.table.rows.map { row in
                    ["head": row.first ?? "", "cells": Array(row.dropFirst())] as [String: Any]
                },
                "more": section.more?.context ?? false,
            ]
        }
        return try render("operator-dashboard", base: base, ["dashboard": ["asOf": view.asOf, "sections": sections]])
    }
}
