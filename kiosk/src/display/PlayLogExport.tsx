/**
 * `?mode=display&export=playlog`: the play log for the centre's staff, as CSV
 * (opens in Excel) and JSON downloads, with the latest entries on screen.
 */
import { useEffect, useState } from 'preact/hooks';
import type { KioskDatabase, PlayLogEntry } from '../store/db.ts';
import { exportPlayLog, readPlayLog } from '../store/play-log.ts';
import './PlayLogExport.css';

export function PlayLogExport({ openDb }: { openDb: () => Promise<KioskDatabase> }) {
  const [rows, setRows] = useState<PlayLogEntry[] | null>(null);
  const [links, setLinks] = useState<{ csv: string; json: string } | null>(null);
  useEffect(() => {
    let urls: string[] = [];
    void (async () => {
      const db = await openDb();
      const [all, csv, json] = await Promise.all([readPlayLog(db), exportPlayLog(db, 'csv'), exportPlayLog(db, 'json')]);
      urls = [
        URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })),
        URL.createObjectURL(new Blob([json], { type: 'application/json' })),
      ];
      setRows(all);
      setLinks({ csv: urls[0], json: urls[1] });
    })();
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
    // `openDb` is the app state's (created once), so this reads the log once, on mount.
  }, [openDb]);
  return (
    <main class="playlog">
      <h1>播放记录导出</h1>
      {rows === null ? (
        <p>正在读取…</p>
      ) : (
        <>
          <p>共 {rows.length} 条记录（保留最近7天，最多5000条）。</p>
          {links ? (
            <p>
              <a href={links.csv} download="playlog.csv">
                下载 CSV
              </a>
              　
              <a href={links.json} download="playlog.json">
                下载 JSON
              </a>
            </p>
          ) : null}
          <table>
            <thead>
              <tr>
                <th>时间</th>
                <th>内容</th>
                <th>标题</th>
                <th>秒</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .slice(-50)
                .reverse()
                .map((r) => (
                  <tr key={r.id}>
                    <td>{new Date(r.at).toLocaleString('zh-CN')}</td>
                    <td>{r.slide}</td>
                    <td>{r.title}</td>
                    <td>{Math.round(r.ms / 1000)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
