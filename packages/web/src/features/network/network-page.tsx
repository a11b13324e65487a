import type Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useGet } from '../../api/use-api.tsx';
import { sectorColour } from '#core/sector-colours.ts';
import { communityColour } from '../../colors.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link, updateQuery, useLocation } from '../../router.tsx';
import {
  buildGraph,
  EDGE_SELECTED_COLOUR,
  FADED_NODE_COLOUR,
  neighboursOf,
  nodeColour,
  searchNodes,
  type ColourMode,
  type EdgeAttributes,
  type NodeAttributes,
} from './network-graph.ts';
import { communityName, useCommunityLabel } from './community-name.tsx';
import { NetworkBrokerList } from './network-broker-list.tsx';
import { readBrokers } from './network-brokers.ts';
import { NetworkLegend } from './network-legend.tsx';

/** Timings of the last draw, read by the benchmark and the browser tests. */
export interface NetworkDrawStats {
  nodes: number;
  edges: number;
  /** From the response being parsed to the first frame after sigma's first render. */
  drawMs: number;
  buildMs: number;
  renderMs: number;
}

/** What the view marks now (the reducers' state), read by the browser tests. */
export interface NetworkMarks {
  selected: string | null;
  neighbours: string[];
  brokers: string[];
}

declare global {
  interface Window {
    __musubiNetwork?: NetworkDrawStats;
    __musubiNetworkMarks?: NetworkMarks;
  }
}

/** Brokers asked for, and how many of them carry a label whatever the zoom. */
const BROKER_LIMIT = 15;
const BROKER_LABELS = 5;

/**
 * Ties drawn at most: the national view keeps the strongest 40,000 (hairlines beyond that add noise
 * and cost seconds in software WebGL); a community view shows all of its ties.
 */
const MAX_EDGES_NATIONAL = 40_000;
const MAX_EDGES_COMMUNITY = 300_000;

function hasWebGl(): boolean {
  const canvas = document.createElement('canvas');
  return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
}

function listParam(search: URLSearchParams, key: string): string[] {
  return (search.get(key) ?? '').split(',').filter(Boolean);
}

function CheckList({
  legend,
  options,
  selected,
  onChange,
  colourOf,
}: {
  legend: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange(values: string[]): void;
  colourOf?(value: string): string;
}) {
  const { t } = useI18n();
  const all = selected.length === 0;
  const isOn = (v: string) => all || selected.includes(v);
  const toggle = (v: string) => {
    const current = all ? options.map((o) => o.value) : selected;
    const next = current.includes(v) ? current.filter((x) => x !== v) : [...current, v];
    onChange(next.length === options.length ? [] : next);
  };
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      <button
        type="button"
        className="button secondary"
        onClick={() => onChange([])}
        disabled={all}
      >
        {t('network.selectAll')}
      </button>
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" checked={isOn(o.value)} onChange={() => toggle(o.value)} />
          {colourOf ? (
            <span className="swatch" style={{ background: colourOf(o.value) }} aria-hidden="true" />
          ) : null}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function NetworkPage() {
  const { t, label, number, language } = useI18n();
  const communityLabel = useCommunityLabel();
  const { meta, communities } = useSharedData();
  const { search } = useLocation();
  const id = useId();
  const community = search.get('community') ?? '';
  const sectors = listParam(search, 'sectors');
  const types = listParam(search, 'types');
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const hideIsolated = search.get('isolated') === 'false';
  const [mode, setMode] = useState<ColourMode>('community');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [stats, setStats] = useState<NetworkDrawStats | null>(null);
  const [webgl] = useState(hasWebGl);
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<Sigma<NodeAttributes, EdgeAttributes> | null>(null);
  const graphRef = useRef<Graph<NodeAttributes, EdgeAttributes> | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selected;
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const neighboursRef = useRef<Set<string>>(new Set());
  /** Broker id → rank (0 is the strongest broker). */
  const brokersRef = useRef<Map<string, number>>(new Map());

  const request = {
    query: {
      community,
      sectors: sectors.join(','),
      types: types.join(','),
      from,
      to,
      isolated: hideIsolated ? 'false' : '',
      maxEdges: community ? MAX_EDGES_COMMUNITY : MAX_EDGES_NATIONAL,
    },
  };
  const state = useGet('/api/web/network', webgl ? request : null);
  const data = state.status === 'ready' ? state.data : undefined;
  const brokerState = useGet(
    '/api/analyses/brokers',
    webgl ? { query: { ...(community ? { community } : {}), limit: BROKER_LIMIT } } : null,
  );
  const brokers = useMemo(
    () => (brokerState.status === 'ready' ? readBrokers(brokerState.data) : []),
    [brokerState.status, brokerState.data],
  );
  const [drawn, setDrawn] = useState(0);

  /** Publishes what is marked for the tests, and redraws. */
  const publishMarks = () => {
    window.__musubiNetworkMarks = {
      selected: selectedRef.current,
      neighbours: [...neighboursRef.current].sort(),
      brokers: [...brokersRef.current.keys()],
    };
    renderer.current?.refresh({ skipIndexation: true });
  };

  // Build the graph and draw it whenever new data arrives.
  useEffect(() => {
    if (!data || !container.current) return;
    const started = performance.now();
    const graph = buildGraph(data, modeRef.current);
    const built = performance.now();
    renderer.current?.kill();
    // Large graphs draw nodes as GL points and edges as 1-px lines: several times cheaper than discs
    // and quads, which matters in software-rendered WebGL.
    const large = data.nodeCount > 10_000 || data.edgeCount > 30_000;
    const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container.current, {
      ...(large
        ? {
            defaultNodeType: 'point',
            defaultEdgeType: 'line',
            nodeProgramClasses: { point: NodePointProgram },
            edgeProgramClasses: { line: EdgeLineProgram },
          }
        : {}),
      hideEdgesOnMove: data.edgeCount > 20_000,
      // Labels: sigma keeps the largest (best connected) node of each grid cell, so labels do not
      // pile up; zooming in makes cells smaller on the graph and more labels appear.
      labelRenderedSizeThreshold: data.nodeCount > 5_000 ? 9 : 5,
      labelDensity: 0.35,
      labelGridCellSize: 120,
      defaultEdgeColor: '#c8ced8',
      zIndex: true,
      nodeReducer: (node, attributes) => {
        const current = selectedRef.current;
        const brokerRank = brokersRef.current.get(node);
        const broker =
          brokerRank === undefined
            ? {}
            : {
                size: attributes.size * 1.6 + 2,
                label: `◆ ${attributes.label ?? ''}`,
                forceLabel: brokerRank < BROKER_LABELS,
                zIndex: 1,
              };
        if (current === null) return { ...attributes, ...broker };
        if (node === current)
          return {
            ...attributes,
            ...broker,
            highlighted: true,
            forceLabel: true,
            size: attributes.size * 2 + 2,
            zIndex: 2,
          };
        if (neighboursRef.current.has(node))
          return { ...attributes, ...broker, forceLabel: true, zIndex: 1 };
        return { ...attributes, color: FADED_NODE_COLOUR, label: null, zIndex: 0 };
      },
      edgeReducer: (edge, attributes) => {
        const current = selectedRef.current;
        if (current === null) return attributes;
        const [source, target] = graph.extremities(edge);
        if (source === current || target === current)
          return {
            ...attributes,
            color: EDGE_SELECTED_COLOUR,
            size: Math.max(1.5, attributes.size),
            zIndex: 1,
          };
        return { ...attributes, hidden: true };
      },
    });
    sigma.on('clickNode', ({ node }) => setSelected(node));
    sigma.on('clickStage', () => setSelected(null));
    renderer.current = sigma;
    graphRef.current = graph;
    neighboursRef.current = neighboursOf(graph, selectedRef.current);
    setDrawn((n) => n + 1);
    const rendered = performance.now();
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const done = performance.now();
        const result: NetworkDrawStats = {
          nodes: graph.order,
          edges: graph.size,
          buildMs: Math.round(built - started),
          renderMs: Math.round(rendered - built),
          drawMs: Math.round(done - started),
        };
        window.__musubiNetwork = result;
        setStats(result);
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [data]);

  useEffect(
    () => () => {
      renderer.current?.kill();
      renderer.current = null;
    },
    [],
  );

  // Colour mode changes recolour in place.
  useEffect(() => {
    const graph = graphRef.current;
    if (!graph) return;
    graph.updateEachNodeAttributes((_node, attributes) => ({
      ...attributes,
      color: nodeColour(mode, attributes.community, attributes.sector),
    }));
  }, [mode]);

  // Brokers: marked on the drawn graph once both have arrived.
  useEffect(() => {
    const graph = graphRef.current;
    brokersRef.current = new Map(
      brokers.filter((b) => graph?.hasNode(b.actorId)).map((b, rank) => [b.actorId, rank]),
    );
    publishMarks();
  }, [brokers, drawn]);

  // Selection: highlight the node and its neighbours, and move the camera to it.
  useEffect(() => {
    const sigma = renderer.current;
    const graph = graphRef.current;
    if (!sigma || !graph) return;
    neighboursRef.current = neighboursOf(graph, selected);
    publishMarks();
    if (selected) {
      const position = sigma.getNodeDisplayData(selected);
      if (position)
        void sigma
          .getCamera()
          .animate({ x: position.x, y: position.y, ratio: 0.15 }, { duration: 400 });
    }
  }, [selected, drawn]);

  const matches = useMemo(() => (data ? searchNodes(data, query) : []), [data, query]);
  const selectedIndex = data && selected ? data.nodes.id.indexOf(selected) : -1;
  const selectedCommunity =
    data && selectedIndex >= 0 ? (data.nodes.community[selectedIndex] ?? -1) : -1;
  const nameOfCommunity = (index: number) =>
    data
      ? communityName(
          {
            id: data.communities[index] ?? '',
            name: data.communityNames[index],
            nameEn: data.communityNamesEn[index],
          },
          language,
        )
      : '';
  const legendCommunities = useMemo(() => {
    if (!data) return [];
    const counts = new Map<number, number>();
    for (const c of data.nodes.community) if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([index, count]) => ({
        index,
        count,
        name: communityName(
          {
            id: data.communities[index] ?? '',
            name: data.communityNames[index],
            nameEn: data.communityNamesEn[index],
          },
          language,
        ),
      }));
  }, [data, language]);
  const selectedNeighbours = useMemo(() => {
    const graph = graphRef.current;
    if (drawn === 0 || !graph || !selected || !graph.hasNode(selected)) return [];
    return [...neighboursOf(graph, selected)]
      .map((node) => ({
        node,
        label: graph.getNodeAttribute(node, 'label') ?? node,
        size: graph.getNodeAttribute(node, 'size'),
      }))
      .sort((a, b) => b.size - a.size || a.label.localeCompare(b.label))
      .slice(0, 12);
  }, [selected, drawn]);
  const selectedDegree =
    selected && graphRef.current?.hasNode(selected) ? graphRef.current.degree(selected) : 0;
  const selectedBroker = brokers.find((b) => b.actorId === selected);
  const communityNameById = (cid: string) => {
    const c = communities.communities.find((x) => x.id === cid);
    return c ? communityName(c, language) : cid;
  };

  return (
    <section aria-labelledby="network-heading">
      <h1 id="network-heading">{t('network.title')}</h1>
      <div className="network-layout">
        <div className="panel">
          <h2>{t('network.filters')}</h2>
          <div className="toolbar" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
            <label htmlFor={`${id}-community`}>
              {t('network.community')}
              <select
                id={`${id}-community`}
                value={community}
                onChange={(e) => updateQuery({ community: e.target.value || undefined })}
              >
                <option value="">{t('network.allCommunities')}</option>
                {communities.communities.map((c, i) => (
                  <option key={c.id} value={c.id} style={{ color: communityColour(i) }}>
                    {communityLabel(c)}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={`${id}-search`}>
              {t('network.search')}
              <input
                id={`${id}-search`}
                type="search"
                placeholder={t('network.searchPlaceholder')}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </label>
          </div>
          {query && data ? (
            matches.length === 0 ? (
              <p>{t('network.noMatch')}</p>
            ) : (
              <ul className="search-results" aria-label={t('network.search')}>
                {matches.map((i) => (
                  <li key={data.nodes.id[i]}>
                    <button type="button" onClick={() => setSelected(data.nodes.id[i] ?? null)}>
                      {data.nodes.label[i]}
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
          {selected && data && selectedIndex >= 0 ? (
            <div className="panel" aria-live="polite" data-testid="network-selection">
              <h3>{t('network.selected')}</h3>
              <p>
                <strong>{data.nodes.label[selectedIndex]}</strong>
                <br />
                {label('sector', data.sectors[data.nodes.sector[selectedIndex] ?? 0] ?? 'other')}
                {' ・ '}
                {selectedCommunity >= 0
                  ? nameOfCommunity(selectedCommunity)
                  : t('community.unassigned')}
                {selectedBroker ? (
                  <>
                    <br />
                    <strong data-testid="network-selection-broker">
                      <span className="broker-mark" aria-hidden="true">
                        ◆
                      </span>{' '}
                      {t('network2.isBroker')}
                    </strong>
                  </>
                ) : null}
              </p>
              <p data-testid="network-neighbours" data-count={selectedDegree}>
                {t('network2.neighbours', { count: selectedDegree })}
              </p>
              {selectedNeighbours.length > 0 ? (
                <ul
                  className="search-results"
                  aria-label={t('network2.neighbours', { count: selectedDegree })}
                >
                  {selectedNeighbours.map((n) => (
                    <li key={n.node}>
                      <button type="button" onClick={() => setSelected(n.node)}>
                        {n.label}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <Link href={`/actors/${encodeURIComponent(selected)}`}>
                {t('network.openProfile')}
              </Link>
            </div>
          ) : null}
          <NetworkBrokerList
            id={id}
            answer={brokerState.data}
            brokers={brokers}
            loading={brokerState.status === 'loading'}
            isDrawn={(actorId) => data?.nodes.id.includes(actorId) ?? false}
            onSelect={setSelected}
            communityName={communityNameById}
          />
          <fieldset className="checks">
            <legend>{t('network.colourBy')}</legend>
            <label>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={mode === 'community'}
                onChange={() => setMode('community')}
              />
              {t('network.colourCommunity')}
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={mode === 'sector'}
                onChange={() => setMode('sector')}
              />
              {t('network.colourSector')}
            </label>
          </fieldset>
          <CheckList
            legend={t('network.sectors')}
            options={meta.sectors.map((s) => ({ value: s, label: label('sector', s) }))}
            selected={sectors}
            onChange={(v) => updateQuery({ sectors: v.join(',') || undefined })}
            colourOf={mode === 'sector' ? sectorColour : undefined}
          />
          <CheckList
            legend={t('network.types')}
            options={meta.relationTypes.map((r) => ({ value: r, label: label('relation', r) }))}
            selected={types}
            onChange={(v) => updateQuery({ types: v.join(',') || undefined })}
          />
          <fieldset className="checks">
            <legend>{t('network.years')}</legend>
            <div className="toolbar" style={{ marginBottom: 0 }}>
              <label htmlFor={`${id}-from`}>
                {t('network.from')}
                <input
                  id={`${id}-from`}
                  type="number"
                  min={meta.years?.from}
                  max={meta.years?.to}
                  defaultValue={from}
                  onBlur={(e) => updateQuery({ from: e.target.value || undefined })}
                  style={{ width: '6rem' }}
                />
              </label>
              <label htmlFor={`${id}-to`}>
                {t('network.to')}
                <input
                  id={`${id}-to`}
                  type="number"
                  min={meta.years?.from}
                  max={meta.years?.to}
                  defaultValue={to}
                  onBlur={(e) => updateQuery({ to: e.target.value || undefined })}
                  style={{ width: '6rem' }}
                />
              </label>
            </div>
            <label>
              <input
                type="checkbox"
                checked={hideIsolated}
                onChange={(e) => updateQuery({ isolated: e.target.checked ? 'false' : undefined })}
              />
              {t('network.hideIsolated')}
            </label>
          </fieldset>
        </div>
        <div>
          {!webgl ? <ErrorMessage message={t('network.noWebgl')} /> : null}
          {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
          {state.status === 'loading' ? <Loading /> : null}
          <p
            role="status"
            aria-live="polite"
            data-testid="network-stats"
            data-nodes={stats?.nodes}
            data-edges={stats?.edges}
          >
            {stats
              ? t('network.stats', { nodes: stats.nodes, edges: stats.edges, ms: stats.drawMs })
              : ''}
            {data && data.droppedEdges > 0
              ? ` ${t('network.dropped', { count: data.droppedEdges })}`
              : ''}
            {data && data.droppedNodes > 0
              ? ` ${t('network.droppedNodes', { count: data.droppedNodes })}`
              : ''}
          </p>
          <div
            ref={container}
            className="network-canvas"
            role="img"
            aria-label={t('network.canvasLabel')}
            data-testid="network-canvas"
          />
          <p className="stat-detail">{t('network.clickHint')}</p>
          {data ? (
            <NetworkLegend
              mode={mode}
              sectors={meta.sectors}
              communities={legendCommunities}
              weights={data.edges.weight}
            />
          ) : null}
          {community ? (
            <p>
              <Link href={hrefOf('/', { community })}>
                {t('nav.home')}: {community}
              </Link>
              {' ・ '}
              <Link href={hrefOf('/map', { community })}>{t('home.openMap')}</Link>
              {' ・ '}
              <Link href={hrefOf('/actors', { community })}>{t('home.openDirectory')}</Link>
            </p>
          ) : null}
          <p className="stat-detail">
            {number(communities.communityCount)} {t('home.communities')}
          </p>
        </div>
      </div>
    </section>
  );
}
