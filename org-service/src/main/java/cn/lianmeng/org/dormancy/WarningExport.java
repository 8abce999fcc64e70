package cn.lianmeng.org.dormancy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import cn.lianmeng.org.dormancy.WarningViews.MemberWarning;
import cn.lianmeng.org.dormancy.WarningViews.OrgWarning;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Writes the warnings as an .xlsx workbook (streaming, so large alliances stay within memory): 组织预警 and 党员预警. */
final class WarningExport {

    static final String[] ORG_HEADERS = {"党组织", "组织类型", "所属单位", "预警等级", "预警原因", "最近活动日期", "党员预警人数", "预警起始"};
    static final String[] MEMBER_HEADERS = {"党员姓名", "所在党组织", "最近参加组织生活", "加入日期", "预警原因", "预警起始"};

    private WarningExport() {
    }

    static byte[] write(List<OrgWarning> orgs, List<MemberWarning> members, LocalDate asOf) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);

            Sheet orgSheet = book.createSheet("组织预警");
            orgSheet.createRow(0).createCell(0).setCellValue("防瘫预警（统计日期 " + asOf + "，依据实际活动记录自动生成）");
            headers(orgSheet.createRow(1), ORG_HEADERS, header);
            int r = 2;
            for (OrgWarning o : orgs) {
                Row row = orgSheet.createRow(r++);
                cells(row, o.name(), o.kindLabel(), o.enterpriseName(), o.levelLabel(),
                        o.reasons().stream().map(x -> "【" + x.levelLabel() + "】" + x.text()).collect(Collectors.joining("\n")),
                        o.lastActivityDate() == null ? "无记录" : o.lastActivityDate().toString(),
                        String.valueOf(o.memberWarnings()), o.since() == null ? "" : o.since().toLocalDate().toString());
            }
            widths(orgSheet, new int[]{30, 12, 30, 12, 80, 14, 14, 14});

            Sheet memberSheet = book.createSheet("党员预警");
            headers(memberSheet.createRow(0), MEMBER_HEADERS, header);
            r = 1;
            for (MemberWarning m : members) {
                cells(memberSheet.createRow(r++), m.name(), m.orgName(),
                        m.lastOrgLifeDate() == null ? "无记录" : m.lastOrgLifeDate().toString(),
                        m.joinedDate() == null ? "" : m.joinedDate().toString(), m.reason(), m.since() == null ? "" : m.since().toString());
            }
            widths(memberSheet, new int[]{14, 30, 18, 14, 60, 14});
            book.write(out);
            book.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void headers(Row row, String[] names, CellStyle style) {
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
            row.getCell(i).setCellStyle(style);
        }
    }

    private static void cells(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i] == null ? "" : values[i]);
        }
    }

    private static void widths(Sheet sheet, int[] chars) {
        for (int i = 0; i < chars.length; i++) {
            sheet.setColumnWidth(i, chars[i] * 256);
        }
    }
}
