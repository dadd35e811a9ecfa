(function(){
const n=document.createElement("link").relList;
if(n&&n.supports&&n.supports("modulepreload"))return;
for(const e of document.querySelectorAll('link[rel="modulepreload"]'))i(e);
new MutationObserver(e=>{
for(const r of e)if(r.type==="childList")for(const c of r.addedNodes)c.tagName==="LINK"&&c.rel==="modulepreload"&&i(c)}
).observe(document,{
childList:!0,subtree:!0}
);
function s(e){
const r={
}
;
return e.integrity&&(r.integrity=e.integrity),e.referrerPolicy&&(r.referrerPolicy=e.referrerPolicy),e.crossOrigin==="use-credentials"?r.credentials="include":e.crossOrigin==="anonymous"?r.credentials="omit":r.credentials="same-origin",r}
function i(e){
if(e.ep)return;
e.ep=!0;
const r=s(e);
fetch(e.href,r)}
}
)();
const v=50;
function L(t,n,s){
const i=t.createElement("li");
i.className="user-row";
const e=t.createElement("a");
e.href=`${
n}
${
encodeURIComponent(s.slug)}
.html`;
const r=t.createElement("span");
r.className="user-id",r.textContent=`User ${
s.id}
`,e.append(r);
const c=t.createElement("span");
c.className="user-meta",c.textContent=`${
s.plan??"no plan"}
 · ${
s.region??"no region"}
 · ${
s.ratings}
 rating${
s.ratings===1?"":"s"}
`;
const u=t.createElement("span");
return u.className="user-genres",u.textContent=s.topGenres.length>0?s.topGenres.join(", "):"no genres yet",i.append(e,c,u),i}
function I(t){
const n=t.getElementById("user-filters"),s=t.getElementById("user-list"),i=t.getElementById("user-count"),e=t.getElementById("user-more");
if(!n||!s||!i||!e)return;
const r=n.dataset.base??"/users/",c=l=>t.getElementById(l),u=c("user-search"),o=c("filter-plan"),a=c("filter-region"),d=c("filter-genre");
let f=[],p=[],m=0;
const y=()=>{
const l=t.createDocumentFragment();
for(const g of p.slice(m,m+v))l.append(L(t,r,g));
s.append(l),m=Math.min(p.length,m+v),e.hidden=m>=p.length,i.textContent=`Showing ${
m.toLocaleString("en-US")}
 of ${
p.length.toLocaleString("en-US")}
 matching users (${
f.length.toLocaleString("en-US")}
 in all)`}
,h=()=>{
const l=(u?.value??"").trim().toLowerCase();
p=f.filter(g=>(l===""||g.id.toLowerCase().includes(l))&&(!o?.value||g.plan===o.value)&&(!a?.value||g.region===a.value)&&(!d?.value||g.topGenres.includes(d.value))),s.replaceChildren(),m=0,y()}
;
fetch(n.dataset.index??"index.json").then(l=>l.ok?l.json():Promise.reject(new Error(`users index: HTTP ${
l.status}
`))).then(l=>{
f=l,n.hidden=!1,t.getElementById("user-pager")?.setAttribute("hidden",""),n.addEventListener("input",h),n.addEventListener("submit",g=>g.preventDefault()),n.addEventListener("reset",()=>setTimeout(h,0)),e.addEventListener("click",y),h()}
).catch(()=>{
}
)}
function S(t){
try{
const n=JSON.parse(t.dataset.genres??"[]");
return Array.isArray(n)?n.filter(s=>typeof s=="string"):[]}
catch{
return[]}
}
function b(t){
const n=t.getElementById("genre-filter"),s=t.getElementById("rec-genre"),i=t.getElementById("rec-list"),e=t.getElementById("rec-count");
if(!n||!s||!i)return;
const r=[...i.querySelectorAll(".rec-card")],c=new Map(r.map(o=>[o,S(o)])),u=()=>{
const o=s.value;
let a=0;
for(const d of r){
const f=o===""||c.get(d).includes(o);
d.hidden=!f,f&&a++}
e&&(e.textContent=o===""?`${
r.length}
 recommendations`:`${
a}
 of ${
r.length}
 recommendations`)}
;
s.addEventListener("change",u),n.hidden=!1,u()}
function E(t){
const n=t.closest("ul");
if(!n||n.scrollWidth<=n.clientWidth)return;
const s=t.getBoundingClientRect().left-n.getBoundingClientRect().left;
n.scrollLeft+=s-16}
function w(t,n){
const s=t.querySelector('.site-nav ul a[aria-current="page"], .site-nav ul a.ancestor');
s&&E(s);
const i=new Map;
for(const o of t.querySelectorAll(".site-nav a[data-section]"))o.dataset.section&&i.set(o.dataset.section,o);
const e=[...t.querySelectorAll(".report-section")].filter(o=>i.has(o.id));
if(e.length===0||!("IntersectionObserver"in n))return;
const r=new Set,c=()=>{
const o=e.find(a=>r.has(a.id))?.id;
for(const[a,d]of i){
const f=a===o;
f&&!d.classList.contains("active")&&E(d),d.classList.toggle("active",f),f?d.setAttribute("aria-current","location"):d.removeAttribute("aria-current")}
}
,u=new n.IntersectionObserver(o=>{
for(const a of o)a.isIntersecting?r.add(a.target.id):r.delete(a.target.id);
c()}
,{
rootMargin:"-15% 0px -60% 0px"}
);
for(const o of e)u.observe(o)}
I(document);
b(document);
w(document,window);
